import Foundation
import NIOHTTP1
import Testing

/// The first start of `serve` with no key configured, and later starts.
@Suite("first start")
struct FirstStartTests {
    @Test("a first start generates a 0600 secret and prints a working one-hour admin token; a second start prints none")
    func firstStartToken() async throws {
        let dataDirectory = temporaryDataDirectory()
        let first = try GatewayProcess(serveArguments(dataDirectory))
        let base = try await first.adminBaseURL()
        _ = try await first.waitForLine(containing: "curl -H")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        let token = try #require(lines.first { $0.split(separator: ".").count == 3 && !$0.contains(" ") })
        let (status, body) = try await AdminClient(baseURL: base, token: token).send(.GET, "/services")
        #expect(status == 200)
        #expect(body.contains("\"data\""))

        let attributes = try FileManager.default.attributesOfItem(atPath: dataDirectory + "/admin-jwt-secret")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.fileExists(atPath: dataDirectory + "/tollgate.sqlite"))

        let payload = try #require(Data(base64URLEncoded: String(token.split(separator: ".")[1])))
        let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        let lifetime = try #require(claims["exp"] as? Double) - Date().timeIntervalSince1970
        #expect(lifetime > 3500 && lifetime <= 3600)

        first.send(signal: SIGTERM)
        #expect(try await first.waitForExit() == 0)

        let second = try GatewayProcess(serveArguments(dataDirectory))
        _ = try await second.adminBaseURL()
        _ = try await second.waitForLine(containing: "admin token:")
        #expect(!second.stdout.contains("First start"))
        #expect(try await AdminClient(baseURL: try await second.adminBaseURL(), token: token).send(.GET, "/services").status == 200)
        second.send(signal: SIGINT)
        #expect(try await second.waitForExit() == 0)
    }
}

extension Data {
    /// Decodes unpadded base64url, as JWT segments are written.
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
