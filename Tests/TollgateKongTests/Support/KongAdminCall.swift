import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import TollgateCore

/// A direct call to an Admin API (the emulator's), for the emulator's rule tests.
struct KongAdminCall: Sendable {
    let status: Int
    let body: JSONValue?

    static func send(
        _ method: HTTPMethod, _ url: String, _ body: JSONValue? = nil, headers: [(String, String)] = []
    ) async throws -> KongAdminCall {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(contentsOf: headers)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONCoding.serialize(body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        let json = bytes.readableBytes == 0 ? nil : try JSONCoding.parse(Array(buffer: bytes))
        return KongAdminCall(status: Int(response.status.code), body: json)
    }
}

extension KongEmulator {
    /// Calls the emulator directly.
    func call(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, headers: [(String, String)] = [])
        async throws -> KongAdminCall
    {
        try await KongAdminCall.send(method, url + path, body, headers: headers)
    }
}
