import Foundation
import NIOHTTP1
import Testing

/// `GET /health` tells when routes have nowhere to go.
@Suite("gateway health")
struct GatewayHealthTests {
    @Test("health is degraded (still 200) while an upstream that a route uses has no usable target")
    func degradedWhileAnUpstreamIsDown() async throws {
        let dataDirectory = temporaryDataDirectory()
        let gateway = try GatewayProcess(serveArguments(dataDirectory))
        let admin = AdminClient(baseURL: try await gateway.adminBaseURL(), token: try await mintToken(dataDirectory))
        #expect(try await admin.send(.POST, "/upstreams", json: #"{"name": "pool", "targets": ["127.0.0.1:9"]}"#).status == 201)
        #expect(try await admin.send(.POST, "/services", json: #"{"name": "svc", "host": "pool"}"#).status == 201)
        #expect(try await admin.send(.POST, "/services/svc/routes", json: #"{"name": "r", "paths": ["/r"]}"#).status == 201)
        #expect(try await status(admin) == "ok")

        #expect(try await admin.send(.POST, "/upstreams/pool/targets/127.0.0.1:9/unhealthy").status == 200)
        #expect(try await eventually(admin, is: "degraded"))
        #expect(try await admin.send(.POST, "/upstreams/pool/targets/127.0.0.1:9/healthy").status == 200)
        #expect(try await eventually(admin, is: "ok"))

        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }

    private func status(_ admin: AdminClient) async throws -> String? {
        let (code, body) = try await admin.send(.GET, "/health")
        #expect(code == 200)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return json?["status"] as? String
    }

    /// Whether the status becomes `expected` within 5 s (the data plane applies changes asynchronously).
    private func eventually(_ admin: AdminClient, is expected: String) async throws -> Bool {
        for _ in 0..<500 {
            if try await status(admin) == expected { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
