import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// The plugin runtime through real traffic: scope precedence, chain order, the
/// phases, and failures that stay within one request.
@Suite("Plugin runtime")
struct PluginRuntimeTests {
    /// Probes standing in for real plugins, at Kong's priorities of these names.
    static let priorities = ["correlation-id": 100_001, "cors": 2000, "key-auth": 1250, "http-log": 12]

    @Test("for each plugin name the most specific enabled instance applies: route, then service, then global")
    func scopePrecedence() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(
            .to("svc", port: upstream.port),
            routes: [RouteSpec(name: "scoped", paths: ["/scoped"]), RouteSpec(name: "plain", paths: ["/plain"])])
        builder.add(.to("other", port: upstream.port), routes: [RouteSpec(name: "elsewhere", paths: ["/elsewhere"])])
        builder.add(plugin: PluginSpec(name: "cors", config: ["mark": "global"]))
        builder.add(plugin: PluginSpec(name: "cors", service: "svc", config: ["mark": "service"]))
        builder.add(plugin: PluginSpec(name: "cors", route: "scoped", config: ["mark": "route"]))
        builder.add(plugin: PluginSpec(name: "cors", route: "plain", config: ["mark": "disabled"], enabled: false))
        let factories = ProbePlugin.factories(logs: ProbeLogs(), priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/scoped").headers["x-probe"] == ["route"])
            #expect(try await proxy.request("/plain").headers["x-probe"] == ["service"])
            #expect(try await proxy.request("/elsewhere").headers["x-probe"] == ["global"])
        }
    }

    @Test("a chain runs in priority order, whatever the creation order, and PATCHed configs apply to new requests")
    func chainOrder() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        let last = builder.add(plugin: PluginSpec(name: "http-log", config: ["mark": "log"]))
        builder.add(plugin: PluginSpec(name: "key-auth", config: ["mark": "auth"]))
        builder.add(plugin: PluginSpec(name: "correlation-id", config: ["mark": "id"]))
        let factories = ProbePlugin.factories(logs: ProbeLogs(), priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request("/x")
            #expect(try response.report().values("x-probe") == ["id,auth,log"])
            #expect(response.headers["x-probe"] == ["id", "auth", "log"])
            #expect(response.headers["x-probe-context"] == ["id", "auth", "log"])

            builder.replace(plugin: last, with: PluginSpec(name: "http-log", config: ["mark": "log2"]))
            await proxy.publish(builder.build())
            #expect(try await proxy.request("/x").report().values("x-probe") == ["id,auth,log2"])
        }
    }

    @Test("an access phase that answers stops the chain; the upstream never sees the request; the log phase does")
    func accessAnswers() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: PluginSpec(name: "key-auth", config: ["mark": "auth", "answer": 401]))
        builder.add(plugin: PluginSpec(name: "http-log", config: ["mark": "log"]))
        let logs = ProbeLogs()
        let factories = ProbePlugin.factories(logs: logs, priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request("/x")
            #expect(response.status == .unauthorized)
            #expect(try response.problem().detail == "answered by auth")
            #expect(response.headers["x-probe"] == ["auth", "log"])
            #expect(upstream.log.requests.isEmpty)
            let logged = logs.summaries("log")
            #expect(logged.count == 1)
            #expect(logged.first?.status == 401)
            #expect(logged.first?.answeredLocally == true)
        }
    }

    @Test("the log phase sees the upstream's status, the target and the body sizes")
    func logPhase() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: PluginSpec(name: "http-log", config: ["mark": "log"]))
        let logs = ProbeLogs()
        let factories = ProbePlugin.factories(logs: logs, priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request("/x", method: .POST, body: ByteBuffer(string: "hello"))
            #expect(response.status == .ok)
            let summary = try #require(logs.summaries("log").first)
            #expect(summary.status == 200)
            #expect(summary.answeredLocally == false)
            #expect(summary.completed)
            #expect(summary.requestBodyBytes == 5)
            #expect(summary.responseBodyBytes == response.body.readableBytes)
            #expect(summary.upstreamAddress == "127.0.0.1:\(upstream.port)")
            #expect(summary.upstreamLatency != nil)
        }
    }

    @Test("a plugin that throws answers 500 for that request only, in either phase")
    func throwingPlugin() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(
            .to("svc", port: upstream.port),
            routes: [RouteSpec(name: "in-access", paths: ["/access"]), RouteSpec(name: "in-response", paths: ["/response"])])
        builder.add(plugin: PluginSpec(name: "cors", route: "in-access", config: ["throw_in": "access"]))
        builder.add(plugin: PluginSpec(name: "cors", route: "in-response", config: ["throw_in": "response"]))
        let factories = ProbePlugin.factories(logs: ProbeLogs(), priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            for path in ["/access", "/response", "/access"] {
                let failed = try await proxy.request(path)
                #expect(failed.status == .internalServerError)
                #expect(try failed.problem().detail == "plugin 'cors' failed on this request; see the gateway's log")
            }
            #expect(upstream.log.requests.count == 1)
            builder.remove(plugin: try #require(builder.build().plugins.first?.metadata.id))
            await proxy.publish(builder.build())
            #expect(try await proxy.request("/access").status == .ok)
        }
    }

    @Test("a stored plugin the data plane cannot run fails closed with 500")
    func unavailablePlugin() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: PluginSpec(name: "jwt", config: [:]))
        try await ProxyHarness.run(builder.build(), pluginFactories: [:]) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request("/x")
            #expect(response.status == .internalServerError)
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("a body cap set in the access phase answers 413 once the streamed body crosses it")
    func bodyCap() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: PluginSpec(name: "cors", config: ["max_body": 1000]))
        let factories = ProbePlugin.factories(logs: ProbeLogs(), priorities: Self.priorities)
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            let small = try await proxy.request("/x", method: .POST, body: ByteBuffer(repeating: 1, count: 1000))
            #expect(small.status == .ok)
            let large = try await proxy.request("/x", method: .POST, body: ByteBuffer(repeating: 1, count: 5000))
            #expect(large.status == .payloadTooLarge)
        }
    }
}
