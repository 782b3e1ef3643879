import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `http-log` through real traffic, with real collectors on 127.0.0.1.
@Suite("http-log plugin")
struct HTTPLogPluginTests {
    /// The sender state of the only http-log plugin of `config`.
    static func queue(of config: GatewayConfig, in proxy: ProxyHarness) throws -> HTTPLogQueue {
        struct Missing: Error {}
        let plugin = try #require(config.plugins.first { $0.spec.name == "http-log" })
        let sender: HTTPLogSender = try proxy.compiler.plugins.state.state(
            for: HTTPLogPlugin.stateKey(id: plugin.metadata.id, config: plugin.spec.config)) { throw Missing() }
        return sender.queue
    }

    /// The entries of every batch a collector received.
    static func entries(_ bodies: [String]) throws -> [[String: JSONValue]] {
        try bodies.flatMap { body -> [[String: JSONValue]] in
            guard case .array(let items) = try JSONCoding.parse(Array(body.utf8)) else { return [] }
            return items.compactMap(\.objectValue)
        }
    }

    @Test("entries are batched to the collector as JSON arrays describing each request")
    func batches() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let collector = try await RecordingHTTPServer.start()
        let plugin = try PluginSpec.validated(
            "http-log",
            config: [
                "http_endpoint": .string(collector.url("/logs")), "batch_size": 3, "flush_timeout_s": 60,
                "headers": ["X-Collector-Token": "secret"],
            ])
        var builder = ConfigBuilder()
        builder.add(UpstreamSpec(name: "pool"), targets: [TargetSpec(target: upstream.address)])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "r", paths: ["/"], stripPath: false)])
        builder.add(plugin: plugin)
        try await ProxyHarness.run(builder.build()) { (proxy: ProxyHarness) async throws in
            _ = try await proxy.request("/a?q=1", method: .POST, headers: [("X-Tenant-ID", "t1")], body: .init(string: "hello"))
            _ = try await proxy.request("/b")
            #expect(collector.bodies.isEmpty)
            _ = try await proxy.request("/c")
            let bodies = try await collector.waitFor { $0.count == 1 }
            let entries = try Self.entries(bodies)
            #expect(entries.count == 3)
            let first = try #require(entries.first)
            #expect(first["request"] == ["method": "POST", "uri": "/a?q=1", "size": 5])
            #expect(first["response"]?.objectValue?["status"] == 200)
            #expect((first["response"]?.objectValue?["size"]?.intValue ?? 0) > 0)
            #expect(first["route"]?.objectValue?["name"] == "r")
            #expect(first["service"]?.objectValue?["name"] == "svc")
            #expect(first["client_ip"] == "127.0.0.1")
            #expect(first["upstream"] == .string(upstream.address))
            #expect(first["answered_by"] == "upstream")
            #expect(first["latencies"]?.objectValue?["request"]?.intValue != nil)
            let startedAt = try #require(first["started_at"]?.intValue)
            #expect(abs(startedAt - Int(Date().timeIntervalSince1970 * 1000)) < 60_000)
            let head = try #require(collector.heads.first)
            #expect(head.method == .POST)
            #expect(head.uri == "/logs")
            #expect(head.headers["x-collector-token"] == ["secret"])
            #expect(head.headers["content-type"] == ["application/json"])
        }
    }

    @Test("a partial batch is sent once flush_timeout_s passes")
    func flushTimeout() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let collector = try await RecordingHTTPServer.start()
        let plugin = try PluginSpec.validated(
            "http-log", config: ["http_endpoint": .string(collector.url("/")), "batch_size": 100, "flush_timeout_s": .double(0.1)])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/x").status == .ok)
            let entries = try Self.entries(try await collector.waitFor { $0.count == 1 })
            #expect(entries.first?["request"]?.objectValue?["uri"] == "/x")
        }
    }

    @Test("a hanging collector never delays traffic: the queue fills, further entries are dropped and counted")
    func hangingCollector() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let collector = try await RecordingHTTPServer.start(reply: nil)
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        let plugin = builder.add(
            plugin: try PluginSpec.validated(
                "http-log",
                config: [
                    "http_endpoint": .string(collector.url("/")), "timeout_ms": 60_000, "queue_size": 5, "batch_size": 1,
                    "flush_timeout_s": .double(0.01),
                ]))
        let config = builder.build()
        try await ProxyHarness.run(config) { (proxy: ProxyHarness) async throws in
            let queue = try Self.queue(of: config, in: proxy)
            let start = ContinuousClock.now
            for _ in 0..<30 { #expect(try await proxy.request("/x").status == .ok) }
            #expect(ContinuousClock.now - start < .seconds(20))
            // At most one batch is in the collector's hands and five entries wait.
            #expect(queue.dropped >= 30 - 5 - 1)
            #expect(try await collector.waitFor { !$0.isEmpty }.count == 1)

            builder.remove(plugin: plugin)
            await proxy.publish(builder.build())
            #expect(queue.isClosed)
            #expect(try await proxy.request("/x").status == .ok)
        }
    }

    @Test("a collector that fails loses its batches, counted as dropped, and later batches still go")
    func failingCollector() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let collector = try await RecordingHTTPServer.start(reply: .init(status: .internalServerError))
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(
            plugin: try PluginSpec.validated(
                "http-log", config: ["http_endpoint": .string(collector.url("/")), "batch_size": 1]))
        let config = builder.build()
        try await ProxyHarness.run(config) { (proxy: ProxyHarness) async throws in
            let queue = try Self.queue(of: config, in: proxy)
            _ = try await proxy.request("/one")
            _ = try await collector.waitFor { $0.count == 1 }
            #expect(try await JWTPluginTests.eventually { queue.dropped == 1 })
            collector.answer(.init())
            _ = try await proxy.request("/two")
            let bodies = try await collector.waitFor { $0.count == 2 }
            #expect(try Self.entries(Array(bodies.suffix(1))).first?["request"]?.objectValue?["uri"] == "/two")
            #expect(queue.dropped == 1)
        }
    }
}
