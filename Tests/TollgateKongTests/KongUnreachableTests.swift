import Logging
import NIOCore
import NIOPosix
import Testing
import TollgateCore
import TollgateKong
import TollgateTestSupport

/// A Kong that cannot be reached: 500 `Kong Admin API unreachable` within the timeout, health 503.
@Suite("Kong unreachable")
struct KongUnreachableTests {
    /// Runs `body` with an engine for `url`, and shuts the engine down whatever happens.
    private static func withEngine(
        _ url: String, timeout: Duration = .milliseconds(300), _ body: (KongEngine) async throws -> Void
    ) async throws {
        var logger = Logger(label: "tollgate-kong-tests")
        logger.logLevel = .critical
        let engine = KongEngine(adminURL: url, timeout: timeout, logger: logger)
        do {
            try await body(engine)
        } catch {
            await engine.shutdown()
            throw error
        }
        await engine.shutdown()
    }

    /// A port nothing listens on: bound, then closed.
    private func expectUnreachable(_ url: String) async throws {
        try await Self.withEngine(url) { engine in try await withAdminGateway(engine: engine) { api in
            let clock = ContinuousClock()
            let start = clock.now
            let services = try await api.get("/services")
            #expect(clock.now - start < .seconds(3))
            #expect(services.status == 500)
            #expect(services["detail"] == "Kong Admin API unreachable")
            let write = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            #expect(write.status == 500)
            #expect(write["detail"] == "Kong Admin API unreachable")
            let health = try await api.get("/health")
            #expect(health.status == 503)
            #expect(health["checks"]?["kong_admin"] == "unreachable")
            #expect(health["engine"] == "kong")
        } }
    }

    @Test("nothing listening: 500 at once, health 503")
    func nothingListening() async throws {
        try await expectUnreachable("http://127.0.0.1:\(try closedLoopbackPort())")
    }

    @Test("a listener that accepts and never answers: 500 within the timeout, health 503")
    func neverAnswers() async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { _ in MultiThreadedEventLoopGroup.singleton.next().makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = listener.localAddress?.port ?? 0
        try await expectUnreachable("http://127.0.0.1:\(port)")
        try await listener.close()
    }

    @Test("health is ok with Kong reachable, and Kong's version and edition are detected")
    func reachable() async throws {
        try await withKongEmulator(.kong28) { kong in
            // A generous timeout: this test is about a Kong that answers, even on a busy machine.
            try await Self.withEngine(kong.url, timeout: .seconds(10)) { engine in
                let health = await engine.health()
                #expect(health.checks["kong_admin"] == "ok")
                #expect(health.isServing)
                let info = try await engine.nodeInfo()
                #expect(info.major == 2)
                #expect(!info.isEnterprise)
            }
        }
    }
}
