import Foundation
import NIOHTTP1
import Testing

/// Acknowledged writes survive `kill -9` and restarts.
@Suite("durability")
struct DurabilityTests {
    @Test("every acknowledged write survives kill -9 of the process")
    func killNine() async throws {
        let dataDirectory = temporaryDataDirectory()
        let gateway = try GatewayProcess(serveArguments(dataDirectory))
        let base = try await gateway.adminBaseURL()
        let token = try await mintToken(dataDirectory)
        let client = AdminClient(baseURL: base, token: token)
        var acknowledged: [String] = []
        for index in 0..<200 {
            let name = "svc-\(index)"
            let (status, _) = try await client.send(.POST, "/services", json: #"{"name": "\#(name)", "url": "http://10.0.0.\#(index % 250 + 1):8080"}"#)
            #expect(status == 201)
            if status == 201 { acknowledged.append(name) }
        }
        let (status, _) = try await client.send(.POST, "/upstreams", json: #"{"name": "last", "targets": ["127.0.0.1:9000"]}"#)
        #expect(status == 201)
        gateway.send(signal: SIGKILL)
        #expect(try await gateway.waitForExit() == SIGKILL)

        let restarted = try GatewayProcess(serveArguments(dataDirectory))
        let restartedClient = AdminClient(baseURL: try await restarted.adminBaseURL(), token: token)
        let listing = try await restartedClient.send(.GET, "/services?size=1000")
        #expect(listing.status == 200)
        let names = try serviceNames(listing.body)
        #expect(Set(names) == Set(acknowledged))
        #expect(try await restartedClient.send(.GET, "/upstreams/last").status == 200)
        restarted.send(signal: SIGTERM)
        #expect(try await restarted.waitForExit() == 0)
    }

    private func serviceNames(_ body: String) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let data = json?["data"] as? [[String: Any]] ?? []
        return data.compactMap { $0["name"] as? String }
    }
}

/// Mints an ADMIN token with `tollgate token` for `dataDirectory`.
func mintToken(_ dataDirectory: String) async throws -> String {
    let minted = try await GatewayProcess.run(["token", "--data-dir", dataDirectory])
    guard minted.status == 0 else { throw GatewayProcessError("token failed: \(minted.stderr)") }
    return minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}
