import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import TollgateAdmin
import TollgateCore

/// A running management API on the embedded engine, reached over real HTTP on 127.0.0.1.
///
/// Start one with ``withTestGateway(_:)`` (fresh data directory) or
/// ``withTestGateway(dataDirectory:_:)`` (reopening a directory, for persistence tests).
/// Paths given to the request methods are relative to ``AdminAPI/basePath``.
struct TestGateway: Sendable {
    /// How a request authenticates.
    enum Credentials: Sendable {
        /// `Authorization: Bearer <ADMIN token>`.
        case admin
        /// No `Authorization` header.
        case none
        /// `Authorization` set to exactly this value.
        case authorization(String)
    }

    /// What a request carries as its body.
    enum Body: Sendable {
        /// JSON, sent as `application/json`.
        case json(JSONValue)
        /// Raw bytes with this `Content-Type` (nil sends none).
        case raw([UInt8], contentType: String?)
    }

    /// The HS256 secret every test gateway verifies tokens with (more than 32 bytes).
    static let secret = Array("tollgate-endpoint-tests-hs256-secret-0123456789".utf8)
    /// How long one request may take before the test fails.
    static let requestTimeout = TimeAmount.seconds(10)
    /// The largest response body read.
    static let maxResponseBytes = 4 << 20

    /// The port the API listens on.
    let port: Int
    /// A valid token with the `ADMIN` role.
    let adminToken: String
    /// Mints further tokens with ``secret`` (e.g. without the `ADMIN` role).
    let minter: AdminTokenMinter

    /// Sends `method path` (relative to the API's base path) and reads the whole answer.
    func send(
        _ method: HTTPMethod, _ path: String, body: Body? = nil, headers: [(String, String)] = [],
        credentials: Credentials = .admin
    ) async throws -> GatewayResponse {
        try await exchange(method, AdminAPI.basePath + path, body: body, headers: headers, credentials: credentials)
    }

    /// `GET path`.
    func get(_ path: String, credentials: Credentials = .admin) async throws -> GatewayResponse {
        try await send(.GET, path, credentials: credentials)
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, _ json: JSONValue, headers: [(String, String)] = []) async throws -> GatewayResponse {
        try await send(.POST, path, body: .json(json), headers: headers)
    }

    /// `POST path` without a body.
    func post(_ path: String) async throws -> GatewayResponse {
        try await send(.POST, path)
    }

    /// `POST path` with raw bytes of `contentType` (nil sends no `Content-Type`).
    func post(_ path: String, raw bytes: [UInt8], contentType: String?) async throws -> GatewayResponse {
        try await send(.POST, path, body: .raw(bytes, contentType: contentType))
    }

    /// `PATCH path` with a JSON body.
    func patch(_ path: String, _ json: JSONValue, headers: [(String, String)] = []) async throws -> GatewayResponse {
        try await send(.PATCH, path, body: .json(json), headers: headers)
    }

    /// `DELETE path`.
    func delete(_ path: String, headers: [(String, String)] = []) async throws -> GatewayResponse {
        try await send(.DELETE, path, headers: headers)
    }

    /// `GET` of a `next` link exactly as a list response gave it (a path with its query).
    func follow(next link: String) async throws -> GatewayResponse {
        try await exchange(.GET, link, body: nil, headers: [], credentials: .admin)
    }

    private func exchange(
        _ method: HTTPMethod, _ pathAndQuery: String, body: Body?, headers: [(String, String)], credentials: Credentials
    ) async throws -> GatewayResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(pathAndQuery)")
        request.method = method
        switch credentials {
        case .admin: request.headers.add(name: "Authorization", value: "Bearer \(adminToken)")
        case .none: break
        case .authorization(let value): request.headers.add(name: "Authorization", value: value)
        }
        switch body {
        case .json(let json)?:
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONCoding.serialize(json)))
        case .raw(let bytes, let contentType)?:
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(bytes: bytes))
        case nil:
            break
        }
        request.headers.add(contentsOf: headers)
        let response = try await HTTPClient.shared.execute(request, timeout: Self.requestTimeout)
        let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        return GatewayResponse(
            method: method, path: pathAndQuery, status: Int(response.status.code), headers: response.headers,
            body: Array(buffer: bytes))
    }
}
