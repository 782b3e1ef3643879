import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing
import TollgateCore
import TollgateEmbedded
import TollgateProxy

/// What GET canary and GET mirror show of the data plane: counters read from the
/// proxy that carried the traffic, and step schedules that survive a restart.
@Suite("Traffic policy counters")
struct TrafficPolicyCountersTests {
    @Test("GET mirror shows copies sent and failed, GET canary its fall-backs, as the data plane counted them")
    func countersFromTheDataPlane() async throws {
        try await TestDataDirectory.with { directory in
            let logger = Logger(label: "traffic-counter-tests") { _ in SwiftLogNoOpLogHandler() }
            let stats = TrafficPolicyStats()
            let engine = try await EmbeddedEngine.open(sqlitePath: directory.sqlitePath, trafficStats: stats, logger: logger)
            let proxy = ProxyServer(
                configuration: .init(host: "127.0.0.1", port: 0), initialConfig: .empty, threads: 1, logger: logger)
            let compiler = RuntimeConfigCompiler(
                health: engine.healthRegistry, balancerState: BalancerStateRegistry(), trafficStats: stats, logger: logger,
                upstreamAccess: proxy.upstreamAccess)
            let services = ServiceGroup(services: [proxy], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await services.run() }
                do {
                    try await Self.countScenario(engine: engine, compiler: compiler, proxy: proxy)
                } catch {
                    await services.triggerGracefulShutdown()
                    throw error
                }
                await services.triggerGracefulShutdown()
            }
            await engine.shutdown()
        }
    }

    /// Configures a mirrored service on `proxy`, sends traffic, and checks what the engine shows.
    private static func countScenario(
        engine: EmbeddedEngine, compiler: RuntimeConfigCompiler, proxy: ProxyServer
    ) async throws {
        let port = try #require(try await proxy.localAddress().port)
        // The proxy is its own upstream and mirror: `/nowhere` matches no route, so
        // primaries and copies alike are answered 404 by the proxy.
        _ = try await engine.upsertService(
            ServiceSpec(name: "loop", host: "127.0.0.1", port: port, path: "/nowhere"), ifMatch: nil)
        _ = try await engine.upsertRoute(RouteSpec(name: "mirrored", paths: ["/mirrored"]), service: "loop", ifMatch: nil)
        _ = try await engine.upsertRoute(RouteSpec(name: "lost", paths: ["/lost"]), service: "loop", ifMatch: nil)
        let answering = try UpstreamURL.parse("http://127.0.0.1:\(port)").get()
        let dead = try UpstreamURL.parse("http://127.0.0.1:1").get()
        _ = try await engine.upsertMirror(MirrorSpec(destination: .url(answering)), route: "mirrored", ifMatch: nil)
        _ = try await engine.upsertMirror(MirrorSpec(destination: .url(dead)), route: "lost", ifMatch: nil)
        _ = try await engine.upsertUpstream(
            UpstreamUpsert(spec: UpstreamSpec(name: "v2"), targets: [TargetSpec(target: "127.0.0.1:1", weight: 0)]),
            ifMatch: nil)
        _ = try await engine.upsertCanary(
            CanarySpec(destination: .upstream("v2"), percentage: 100), service: "loop", ifMatch: nil)
        await proxy.publish(compiler.compile(try await engine.configuration()))

        for path in ["/mirrored", "/mirrored", "/mirrored", "/lost", "/lost"] {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
            #expect(response.status == .notFound)
            _ = try await response.body.collect(upTo: 1 << 16)
        }
        #expect(try await Self.eventually { try await engine.mirror(route: "mirrored").counters?.sent == 3 })
        #expect(try await Self.eventually { try await engine.mirror(route: "lost").counters?.failed == 2 })
        #expect(
            try await engine.mirror(route: "mirrored").json["counters"]
                == ["sent": 3, "failed": 0, "dropped": 0, "skipped": 0])
        let canary = try await engine.canary(service: "loop")
        #expect(canary.json["counters"] == ["fallbacks": 5])
        #expect(try await engine.service(named: "loop").json["canary"]?["counters"] == ["fallbacks": 5])
    }

    @Test("a canary's steps show in GET, and go on from the stored start after a restart")
    func stepsSurviveARestart() async throws {
        try await TestDataDirectory.with { directory in
            let steps: JSONValue = ["increment": 30, "interval_s": 1, "until": 70]
            let created = try await withTestGateway(dataDirectory: directory) { gateway in
                try await gateway.createService("orders")
                return try await gateway.post(
                    "/services/orders/canary", ["url": "http://orders-v2.internal", "percentage": 10, "steps": steps]
                ).expecting(201)
            }
            try await withTestGateway(dataDirectory: directory) { gateway in
                let reopened = try await gateway.get("/services/orders/canary").expecting(200)
                #expect(reopened["updated_at"] == created["updated_at"], "the schedule's start is stored")
                #expect(reopened["initial_percentage"] == 10)
                #expect(reopened["steps"] == steps)
                #expect(
                    try await Self.eventually {
                        try await gateway.get("/services/orders/canary").expecting(200)["percentage"] == 70
                    }, "two one-second steps from 10 % reach 70 %")
            }
        }
    }

    /// Polls `condition` every 20 ms for up to 5 s; returns whether it came true.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}
