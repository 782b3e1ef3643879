import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import TollgateAdmin
import TollgateCore
import TollgateTestSupport

/// The management API served over one engine on 127.0.0.1, reached over real HTTP
/// with an ADMIN token; paths are relative to ``AdminAPI/basePath``.
struct AdminGateway: Sendable {
    static let secret = Array("tollgate-kong-tests-hs256-secret-0123456789abcdef".utf8)

    let port: Int
    let token: String

    /// What the API answered.
    struct Answer: Sendable, CustomStringConvertible {
        let status: Int
        let json: JSONValue?

        subscript(_ key: String) -> JSONValue? { json?[key] }

        /// The `field`s of a problem document's `errors`.
        var errorFields: Set<String> {
            Set((json?["errors"]?.arrayElements ?? []).compactMap { $0["field"]?.stringValue })
        }

        var description: String { "\(status) \(json.map(JSONCoding.string) ?? "")" }
    }

    func send(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, headers: [(String, String)] = [])
        async throws -> Answer
    {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(AdminAPI.basePath)\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(contentsOf: headers)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONCoding.serialize(body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        let json = bytes.readableBytes == 0 ? nil : try? JSONCoding.parse(Array(buffer: bytes))
        return Answer(status: Int(response.status.code), json: json)
    }

    func get(_ path: String) async throws -> Answer { try await send(.GET, path) }
    func post(_ path: String, _ body: JSONValue) async throws -> Answer { try await send(.POST, path, body) }
    func patch(_ path: String, _ body: JSONValue) async throws -> Answer { try await send(.PATCH, path, body) }
    func delete(_ path: String) async throws -> Answer { try await send(.DELETE, path) }
}

/// Serves the management API of `engine` on 127.0.0.1 while `body` runs.
func withAdminGateway<Result: Sendable>(
    engine: any GatewayEngine, _ body: (AdminGateway) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "tollgate-kong-tests")
    logger.logLevel = .critical
    let verifier = try await AdminTokenVerifier(
        configuration: AdminAuthConfiguration(keys: .hmacSecret(AdminGateway.secret)), logger: logger)
    let token = try await AdminTokenMinter(secret: AdminGateway.secret).mint(subject: "kong-tests", ttl: .seconds(3600))
    let router = AdminAPI(engine: engine).router(authentication: AdminAuthMiddleware<AdminRequestContext>(verifier: verifier))
    return try await withLoopbackServer(router.buildResponder(), logger: logger) { port in
        try await body(AdminGateway(port: port, token: token))
    }
}
