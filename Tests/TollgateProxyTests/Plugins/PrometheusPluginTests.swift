import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore
import TollgateTestSupport

@testable import TollgateProxy

/// `prometheus` through real traffic, read back as `GET /metrics` renders it.
@Suite("prometheus plugin")
struct PrometheusPluginTests {
    /// The value of the sample line that starts with `series` (name and labels), if any.
    static func sample(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test("requests are counted per route, status class and source, with latency histograms and bandwidth")
    func requestMetrics() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let closed = try closedLoopbackPort()
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "ok", paths: ["/ok"])])
        builder.add(.to("down", port: closed, retries: 0), routes: [RouteSpec(name: "broken", paths: ["/broken"])])
        builder.add(plugin: try PluginSpec.validated("prometheus"))
        try await ProxyHarness.run(builder.build()) { (proxy: ProxyHarness) async throws in
            #expect(proxy.compiler.metrics.render().isEmpty)
            for _ in 0..<3 { #expect(try await proxy.request("/ok", method: .POST, body: .init(string: "12345")).status == .ok) }
            #expect(try await proxy.request("/broken").status == .badGateway)
            let text = proxy.compiler.metrics.render()
            #expect(
                Self.sample(
                    text, #"tollgate_http_requests_total{service="svc",route="ok",status_class="2xx",source="upstream",tenant=""}"#)
                    == 3)
            #expect(
                Self.sample(
                    text,
                    #"tollgate_http_requests_total{service="down",route="broken",status_class="5xx",source="gateway",tenant=""}"#)
                    == 1)
            #expect(Self.sample(text, #"tollgate_request_duration_seconds_count{service="svc",route="ok"}"#) == 3)
            #expect(Self.sample(text, #"tollgate_upstream_duration_seconds_count{service="svc",route="ok"}"#) == 3)
            #expect((Self.sample(text, #"tollgate_upstream_duration_seconds_count{service="down",route="broken"}"#) ?? 0) == 0)
            #expect(Self.sample(text, #"tollgate_bandwidth_bytes_total{service="svc",route="ok",direction="ingress"}"#) == 15)
            #expect((Self.sample(text, #"tollgate_bandwidth_bytes_total{service="svc",route="ok",direction="egress"}"#) ?? 0) > 0)
            #expect(text.contains("# TYPE tollgate_request_duration_seconds histogram"))
        }
    }

    @Test("with per_consumer, counts carry the tenant an authentication plugin set")
    func perTenant() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugins = [
            try PluginSpec.validated("prometheus", config: ["per_consumer": true]),
            try PluginSpec.validated("key-auth", config: ["keys": [["key": "acme-key-0123456789", "tenant": "acme"]]]),
        ]
        try await SingleRouteGateway.run(plugins, upstream: upstream) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/", headers: [("apikey", "acme-key-0123456789")]).status == .ok)
            #expect(try await proxy.request("/").status == .unauthorized)
            let text = proxy.compiler.metrics.render()
            #expect(
                Self.sample(
                    text, #"tollgate_http_requests_total{service="svc",route="r",status_class="2xx",source="upstream",tenant="acme"}"#)
                    == 1)
            #expect(
                Self.sample(
                    text, #"tollgate_http_requests_total{service="svc",route="r",status_class="4xx",source="gateway",tenant=""}"#)
                    == 1)
        }
    }

    @Test("upstream target health is a gauge: 1 in rotation, 0 once marked unhealthy; gone with its target")
    func targetHealth() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        let keys = builder.add(UpstreamSpec(name: "pool"), targets: [TargetSpec(target: upstream.address)])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "r", paths: ["/"])])
        let plugin = builder.add(plugin: try PluginSpec.validated("prometheus"))
        try await ProxyHarness.run(builder.build()) { (proxy: ProxyHarness) async throws in
            let series = #"tollgate_upstream_target_health{upstream="pool",target="\#(upstream.address)"}"#
            #expect(Self.sample(proxy.compiler.metrics.render(), series) == 1)
            proxy.health.mark(try #require(keys.first), healthy: false, at: Date())
            #expect(Self.sample(proxy.compiler.metrics.render(), series) == 0)

            builder.remove(plugin: plugin)
            await proxy.publish(builder.build())
            #expect(proxy.compiler.metrics.render().hasPrefix("# no prometheus plugin is enabled"))
        }
    }

    @Test("metrics outlive configuration changes")
    func survivesSnapshots() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: try PluginSpec.validated("prometheus"))
        try await ProxyHarness.run(builder.build()) { (proxy: ProxyHarness) async throws in
            _ = try await proxy.request("/")
            builder.add(.to("other", port: upstream.port), routes: [RouteSpec(name: "r2", paths: ["/two"])])
            await proxy.publish(builder.build())
            _ = try await proxy.request("/")
            let series = #"tollgate_http_requests_total{service="svc",route="r",status_class="2xx",source="upstream",tenant=""}"#
            #expect(Self.sample(proxy.compiler.metrics.render(), series) == 2)
        }
    }
}
