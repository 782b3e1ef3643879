import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Plugins managed through the API change what happens to traffic on the running gateway.
@Suite("plugins on traffic")
struct PluginTrafficTests {
    @Test("POST, PATCH and DELETE /plugins turn key-auth on, off and away for the proxied route")
    func keyAuthLifecycle() async throws {
        let dataDirectory = temporaryDataDirectory()
        let gateway = try GatewayProcess(serveArguments(dataDirectory))
        let admin = AdminClient(baseURL: try await gateway.adminBaseURL(), token: try await mintToken(dataDirectory))
        let proxy = try await gateway.proxyBaseURL()
        #expect(try await admin.send(.POST, "/services", json: #"{"name": "backend", "url": "\#(admin.baseURL)/health"}"#).status == 201)
        #expect(try await admin.send(.POST, "/services/backend/routes", json: #"{"name": "main", "paths": ["/main"]}"#).status == 201)
        #expect(try await eventually(proxy + "/main", is: 200))

        let created = try await admin.send(
            .POST, "/plugins",
            json: #"{"name": "key-auth", "route": "main", "config": {"keys": [{"key": "s3cret-key-1", "tenant": "acme"}]}}"#)
        #expect(created.status == 201)
        let plugin = try #require(try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])
        let pluginID = try #require(plugin["id"] as? String)
        #expect(try await eventually(proxy + "/main", is: 401))
        #expect(try await status(proxy + "/main", headers: [("apikey", "s3cret-key-1")]) == 200)
        #expect(try await status(proxy + "/main", headers: [("apikey", "wrong-key-00")]) == 401)

        #expect(try await admin.send(.PATCH, "/plugins/\(pluginID)", json: #"{"enabled": false}"#).status == 200)
        #expect(try await eventually(proxy + "/main", is: 200))
        #expect(try await admin.send(.PATCH, "/plugins/\(pluginID)", json: #"{"enabled": true}"#).status == 200)
        #expect(try await eventually(proxy + "/main", is: 401))
        #expect(try await admin.send(.DELETE, "/plugins/\(pluginID)").status == 204)
        #expect(try await eventually(proxy + "/main", is: 200))

        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }

    /// The status of one GET through the proxy.
    private func status(_ url: String, headers: [(String, String)] = []) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.headers.add(contentsOf: headers)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Whether `url` answers `expected` within 5 s (a change is compiled asynchronously).
    private func eventually(_ url: String, is expected: Int) async throws -> Bool {
        for _ in 0..<500 {
            if try await status(url) == expected { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
