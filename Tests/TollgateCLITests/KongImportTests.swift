import Foundation
import NIOHTTP1
import Testing

/// `tollgate kong import`: a Kong declarative file moved into the embedded engine's store.
@Suite("tollgate kong import")
struct KongImportTests {
    static let secret = "kong-import-tests-secret-0123456789abcdef"

    static let declarative = #"""
        {
          "_format_version": "3.0",
          "services": [
            {"name": "orders", "url": "http://orders-upstream:8080/v1", "connect_timeout": 1500, "tls_verify": true,
             "routes": [{"name": "orders-api", "paths": ["/orders", "~/orders/\\d+$"], "methods": ["GET"],
                         "plugins": [{"name": "cors", "config": {"origins": ["https://app.example.com"]}}]}],
             "plugins": [{"name": "rate-limiting", "config": {"minute": 100, "policy": "local"}},
                         {"name": "acl", "config": {"allow": ["admins"]}}]}
          ],
          "routes": [{"name": "orders-admin", "service": "orders", "paths": ["/admin"]}],
          "upstreams": [
            {"name": "orders-upstream", "algorithm": "consistent-hashing", "hash_on": "header",
             "hash_on_header": "X-User", "healthchecks": {"active": {"timeout": 2, "healthy": {"interval": 5}}},
             "targets": [{"target": "10.0.0.5:8080", "weight": 90}]}
          ],
          "targets": [{"target": "10.0.0.6", "upstream": "orders-upstream", "weight": 10}],
          "plugins": [{"name": "correlation-id"}],
          "consumers": [{"username": "acme"}]
        }
        """#

    @Test("imports services, routes, upstreams, targets and plugins, and lists what it did not import")
    func importsAndLists() async throws {
        let directory = temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/kong.json"
        try Self.declarative.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await GatewayProcess.run(["kong", "import", file, "--data-dir", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 services, 2 routes, 1 upstreams (2 targets), 3 plugins"), "\(result.stdout)")
        #expect(result.stdout.contains("consumers (1): Tollgate has no such entity"))
        #expect(result.stdout.contains("plugin acl (service orders): not a Tollgate plugin"))
        #expect(result.stdout.contains("service orders: fields not imported (no Tollgate equivalent): tls_verify"))

        let gateway = try GatewayProcess(
            ["serve", "--data-dir", directory, "--admin-listen", "127.0.0.1:0", "--proxy-listen", "127.0.0.1:0",
             "--jwt-secret", Self.secret])
        let base = try await gateway.adminBaseURL()
        let minted = try await GatewayProcess.run(["token", "--role", "ADMIN", "--ttl", "1h", "--jwt-secret", Self.secret])
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let admin = AdminClient(baseURL: base, token: token)
        let service = try await admin.send(.GET, "/services/orders")
        #expect(service.status == 200)
        #expect(service.body.contains("\"connect_timeout_ms\":1500"))
        #expect(service.body.contains("\"orders-admin\"") && service.body.contains("\"orders-api\""))
        let upstream = try await admin.send(.GET, "/upstreams/orders-upstream")
        #expect(upstream.body.contains("\"hash_on_header\":\"X-User\""))
        #expect(upstream.body.contains("\"timeout_s\":2"))
        #expect(upstream.body.contains("\"10.0.0.6:8000\""))
        let plugins = try await admin.send(.GET, "/plugins")
        #expect(plugins.body.contains("\"fixed_window\""), "Kong counts fixed windows; the import keeps that")
        gateway.send(signal: SIGTERM)
        _ = try await gateway.waitForExit()
    }

    @Test("a file that is not a declarative configuration is refused with exit status 2")
    func refusesBadFiles() async throws {
        let directory = temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/kong.json"
        try #"{"services": []}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let missingVersion = try await GatewayProcess.run(["kong", "import", file, "--data-dir", directory])
        #expect(missingVersion.status == 2)
        #expect(missingVersion.stderr.contains("_format_version"))
        try "_format_version: \"3.0\"\nservices: [\n".write(toFile: file, atomically: true, encoding: .utf8)
        let brokenYAML = try await GatewayProcess.run(["kong", "import", file, "--data-dir", directory])
        #expect(brokenYAML.status == 2)
        #expect(brokenYAML.stderr.contains("neither JSON nor YAML"), "\(brokenYAML.stderr)")
        try "- just\n- a list\n".write(toFile: file, atomically: true, encoding: .utf8)
        let list = try await GatewayProcess.run(["kong", "import", file, "--data-dir", directory])
        #expect(list.status == 2)
        #expect(list.stderr.contains("must be a Kong declarative configuration object"), "\(list.stderr)")
    }

    @Test("a YAML declarative file (as deck and kong config db_export write it) imports like its JSON")
    func importsYAML() async throws {
        let directory = temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/kong.yml"
        let yaml = """
            _format_version: "3.0"
            services:
            - name: orders
              url: http://orders-upstream:8080/v1
              connect_timeout: 1500
              routes:
              - name: orders-api
                paths: [/orders]
                strip_path: false
            upstreams:
            - name: orders-upstream
              targets:
              - target: 10.0.0.5:8080
                weight: 90
            plugins:
            - name: correlation-id
              enabled: true
            """
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await GatewayProcess.run(["kong", "import", file, "--data-dir", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 services, 1 routes, 1 upstreams (1 targets), 1 plugins"), "\(result.stdout)")
    }
}
