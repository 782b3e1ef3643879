import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("EmbeddedEngine lifecycle, versions and atomicity")
struct EngineLifecycleTests {
    @Test("open creates the data directory; the configuration survives shutdown and reopening")
    func persistence() async throws {
        try await TemporaryEngine.withPath { path in
            let first = try await EmbeddedEngine.open(sqlitePath: path, logger: TemporaryEngine.logger)
            #expect(FileManager.default.fileExists(atPath: path))
            let written = try await first.upsertService(Fixture.service("orders"), ifMatch: nil)
            await first.shutdown()

            let second = try await EmbeddedEngine.open(sqlitePath: path, logger: TemporaryEngine.logger)
            #expect(try await second.service(named: "orders").entity == written.record.entity)
            #expect(await second.health().configVersion == 1)
            await second.shutdown()
        }
    }

    @Test("health reports the engine, the version and the store; after shutdown the store is unreachable")
    func health() async throws {
        try await TemporaryEngine.withPath { path in
            let engine = try await EmbeddedEngine.open(sqlitePath: path, logger: TemporaryEngine.logger)
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            #expect(
                await engine.health()
                    == EngineHealth(engine: "embedded", configVersion: 1, checks: ["store": "ok", "data_plane": "ok"], isServing: true))
            await engine.shutdown()
            let down = await engine.health()
            #expect(down.checks["store"] == "unreachable")
            #expect(!down.isServing)
            await #expect(throws: GatewayError.backend("the configuration store failed: the configuration store is closed")) {
                try await engine.service(named: "orders")
            }
        }
    }

    @Test("each write bumps the version once and the change feed announces it; failed writes do neither")
    func versionsAndChanges() async throws {
        try await TemporaryEngine.with { engine in
            var changes = engine.configChanges().makeAsyncIterator()
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            #expect(await changes.next() == 1)
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80", "b:80", "c:80"]), ifMatch: nil)
            #expect(await changes.next() == 2)
            await #expect(throws: GatewayError.self) { try await engine.deleteService(named: "nope", ifMatch: nil) }
            await #expect(throws: GatewayError.self) { try await engine.upsertService(Fixture.service("orders"), ifMatch: "stale") }
            _ = try await engine.markTarget(upstream: "pool", target: "a:80", healthy: false)
            try await engine.deleteService(named: "orders", ifMatch: nil)
            #expect(await changes.next() == 3)
            #expect(try await engine.configuration().version == 3)
        }
    }

    @Test("a write refused half-way changes nothing")
    func refusedWriteChangesNothing() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80"]), ifMatch: nil)
            let before = try await engine.configuration()
            // The upstream and its targets are written before the If-Match check of the service fails…
            await #expect(throws: GatewayError.self) {
                try await engine.applyPreset(Preset.parse(.leastConnections, ["upstream": "pool", "targets": ["b:80"], "service": "missing"]))
            }
            await #expect(throws: GatewayError.self) {
                try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["c:80"]), ifMatch: "\"0\"")
            }
            #expect(try await engine.configuration() == before)
        }
    }

    @Test("concurrent admin writes all succeed, one version each")
    func concurrentWrites() async throws {
        try await TemporaryEngine.with { engine in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask { _ = try await engine.upsertService(Fixture.service("svc-\(index % 10)"), ifMatch: nil) }
                }
                try await group.waitForAll()
            }
            let config = try await engine.configuration()
            #expect(config.version == 30)
            #expect(config.services.count == 10)
        }
    }
}
