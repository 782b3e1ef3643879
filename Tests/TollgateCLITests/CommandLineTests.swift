import Foundation
import NIOHTTP1
import Testing

/// The command line: exit statuses, flags and their environment twins.
@Suite("tollgate command line")
struct CommandLineTests {
    @Test("version prints the version")
    func version() async throws {
        let result = try await GatewayProcess.run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test(
        "bad flags or values print one line and exit with status 2",
        arguments: [
            ["serve", "--admin-listen", "nonsense"],
            ["serve", "--admin-listen", "127.0.0.1:99999"],
            ["serve", "--engine", "nginx"],
            ["serve", "--store", "mysql://x"],
            ["serve", "--jwt-secret", "too-short"],
            ["serve", "--log-level", "loud"],
            ["serve", "--no-such-flag"],
            ["serve", "--jwt-secret", String(repeating: "k", count: 40), "--jwks-url", "http://127.0.0.1:1/jwks"],
            ["token", "--ttl", "forever"],
        ])
    func badArguments(arguments: [String]) async throws {
        let dataDirectory = temporaryDataDirectory()
        let result = try await GatewayProcess.run(arguments + ["--data-dir", dataDirectory])
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(lines.first?.hasPrefix("tollgate: ") == true)
        #expect(result.stdout.isEmpty)
    }

    @Test("an environment twin is used, and a flag wins over it")
    func environmentTwins() async throws {
        let bad = try await GatewayProcess.run(
            ["serve", "--data-dir", temporaryDataDirectory()], environment: ["TOLLGATE_ENGINE": "nginx"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--engine"))

        let gateway = try GatewayProcess(
            ["serve", "--data-dir", temporaryDataDirectory(), "--admin-listen", "127.0.0.1:0", "--proxy-listen", "127.0.0.1:0"],
            environment: ["TOLLGATE_ADMIN_LISTEN": "not-an-address"])
        let base = try await gateway.adminBaseURL()
        #expect(base.hasPrefix("http://127.0.0.1:"))
        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }

    @Test("token mints a token that the gateway accepts, with the secret in the data directory")
    func tokenCommand() async throws {
        let dataDirectory = temporaryDataDirectory()
        let gateway = try GatewayProcess(serveArguments(dataDirectory))
        let base = try await gateway.adminBaseURL()
        let minted = try await GatewayProcess.run(["token", "--data-dir", dataDirectory, "--role", "ADMIN", "--ttl", "5m"])
        #expect(minted.status == 0)
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.split(separator: ".").count == 3)
        #expect(try await AdminClient(baseURL: base, token: token).send(.GET, "/services").status == 200)

        let reader = try await GatewayProcess.run(["token", "--data-dir", dataDirectory, "--role", "READER"])
        let readerToken = reader.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await AdminClient(baseURL: base, token: readerToken).send(.GET, "/services").status == 403)
        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }
}

/// `serve` on free loopback ports with `dataDirectory`.
func serveArguments(_ dataDirectory: String) -> [String] {
    ["serve", "--data-dir", dataDirectory, "--admin-listen", "127.0.0.1:0", "--proxy-listen", "127.0.0.1:0"]
}
