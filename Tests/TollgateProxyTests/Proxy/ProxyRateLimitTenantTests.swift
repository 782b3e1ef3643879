import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// Tenant rate limits (`/tenants/:tenantId/rate-limit`) through real traffic.
@Suite("Proxy tenant rate limits")
struct ProxyRateLimitTenantTests {
    private typealias Traffic = ProxyRateLimitTraffic

    /// Sets the request's tenant from `X-Authenticated-Tenant`, as `jwt` and `key-auth` do from a credential.
    private struct AuthenticatingPlugin: ProxyPlugin {
        static let factory = PluginFactory(name: "key-auth", priority: 1250) { _ in AuthenticatingPlugin() }

        var phases: PluginPhases { .access }

        func access(_ context: RequestContext) -> PluginAccess {
            context.tenant = context.clientHead.headers.first(name: "X-Authenticated-Tenant")
            return .proceed
        }
    }

    private static func limit(day: Int, service: String? = nil) -> TenantRateLimitSpec {
        TenantRateLimitSpec(windows: RateLimitWindows(limits: [.day: day]), service: service)
    }

    /// Services `a` (route `/a`) and `b` (route `/b`) on `upstream`.
    private static func builder(_ upstream: TestUpstream) -> ConfigBuilder {
        var builder = ConfigBuilder()
        builder.add(.to("a", port: upstream.port), routes: [RouteSpec(name: "a", paths: ["/a"])])
        builder.add(.to("b", port: upstream.port), routes: [RouteSpec(name: "b", paths: ["/b"])])
        return builder
    }

    @Test("N concurrent requests of a tenant admit exactly its limit; others never reach the upstream")
    func exactUnderConcurrency() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.set(tenant: "acme", limit: Self.limit(day: 30))
        try await ProxyHarness.run(builder.build()) { proxy in
            let acme = try await Traffic.burst(proxy, count: 100, path: "/a", headers: [("X-Tenant-ID", "acme")])
            #expect(acme.ok == 30)
            #expect(acme.limited == 70)
            #expect(upstream.log.requests.count == 30)
            let other = try await Traffic.burst(proxy, count: 40, path: "/a", headers: [("X-Tenant-ID", "globex")])
            #expect(other.ok == 40)
            let anonymous = try await proxy.request("/a")
            #expect(anonymous.status == .ok)
            #expect(anonymous.headers["RateLimit-Limit"].isEmpty)
        }
    }

    @Test("over the limit: 429 problem, Retry-After and the rate-limit headers")
    func rejection() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.set(
            tenant: "acme",
            limit: TenantRateLimitSpec(windows: RateLimitWindows(limits: [.hour: 1, .day: 10]), algorithm: .tokenBucket))
        try await ProxyHarness.run(builder.build()) { proxy in
            let admitted = try await proxy.request("/a", headers: [("X-Tenant-ID", "acme")])
            #expect(admitted.status == .ok)
            #expect(admitted.headers["RateLimit-Limit"] == ["1"])
            #expect(admitted.headers["RateLimit-Remaining"] == ["0"])
            let limited = try await proxy.request("/b", headers: [("X-Tenant-ID", "acme")])
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.problem().detail.hasPrefix("rate limit of tenant 'acme' exceeded"))
            #expect(limited.headers.first(name: "Retry-After").flatMap(Int.init).map { $0 >= 3000 } == true)
            #expect(limited.headers["X-RateLimit-Limit-Hour"] == ["1"])
            #expect(limited.headers["X-RateLimit-Limit-Day"] == ["10"])
            #expect(limited.headers["X-RateLimit-Remaining-Day"] == ["0"])
            #expect(upstream.log.requests.count == 1)
        }
    }

    @Test("a limit with a service applies to that service only")
    func perService() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.set(tenant: "acme", limit: Self.limit(day: 2, service: "a"))
        try await ProxyHarness.run(builder.build()) { proxy in
            let tenant = [("X-Tenant-ID", "acme")]
            let onA = try await Traffic.burst(proxy, count: 5, path: "/a", headers: tenant)
            #expect(onA == .init(ok: 2, limited: 3))
            let onB = try await Traffic.burst(proxy, count: 5, path: "/b", headers: tenant)
            #expect(onB == .init(ok: 5, limited: 0))
        }
    }

    /// Runs `body` with a `rate-limiting` plugin of 3 a day per `X-Client` on every
    /// route, and a limit of `acmeDaily` a day for tenant `acme`.
    private static func withPluginAndTenantLimit(
        acmeDaily: Int, _ body: (ProxyHarness, TestUpstream) async throws -> Void
    ) async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.add(plugin: try Traffic.plugin(["day": 3, "limit_by": "header", "header_name": "X-Client"]))
        builder.set(tenant: "acme", limit: Self.limit(day: acmeDaily))
        try await ProxyHarness.run(builder.build(), pluginFactories: Traffic.factories) { proxy in
            try await body(proxy, upstream)
        }
    }

    @Test("a rate-limiting plugin and a tenant limit are both enforced; the headers show the tighter")
    func pluginAndTenant() async throws {
        try await Self.withPluginAndTenantLimit(acmeDaily: 2) { proxy, upstream in
            let acme = [("X-Client", "c1"), ("X-Tenant-ID", "acme")]
            #expect(try await proxy.request("/a", headers: acme).status == .ok)
            let second = try await proxy.request("/a", headers: acme)
            #expect(second.status == .ok)
            #expect(second.headers["RateLimit-Limit"] == ["2"])
            #expect(second.headers["RateLimit-Remaining"] == ["0"])
            #expect(second.headers["X-RateLimit-Remaining-Day"] == ["0"])
            let byTenant = try await proxy.request("/a", headers: acme)
            #expect(byTenant.status == .tooManyRequests)
            #expect(try byTenant.problem().detail.hasPrefix("rate limit of tenant 'acme'"))

            let other = [("X-Client", "c2"), ("X-Tenant-ID", "globex")]
            let burst = try await Traffic.burst(proxy, count: 3, path: "/a", headers: other)
            #expect(burst == .init(ok: 3, limited: 0))
            let byPlugin = try await proxy.request("/a", headers: other)
            #expect(byPlugin.status == .tooManyRequests)
            #expect(try byPlugin.problem().detail.hasPrefix("API rate limit exceeded"))
            #expect(upstream.log.requests.count == 5)
        }
    }

    @Test("a request the tenant limit refuses gives the rate-limiting plugin's count back")
    func refusedRequestsGiveBack() async throws {
        try await Self.withPluginAndTenantLimit(acmeDaily: 1) { proxy, upstream in
            func threeRequests(asTenant tenant: String) async throws -> [UInt] {
                try await Traffic.sequence(proxy, Array(repeating: ("/a", [("X-Client", "c1"), ("X-Tenant-ID", tenant)]), count: 3))
            }
            #expect(try await threeRequests(asTenant: "acme") == [200, 429, 429])
            let asGlobex = try await threeRequests(asTenant: "globex")
            #expect(asGlobex == [200, 200, 429], "the plugin counted c1's two refused requests as not sent")
            #expect(upstream.log.requests.count == 3)
        }
    }

    @Test("the tenant an authentication plugin set wins over the header")
    func tenantFromAuthentication() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.add(plugin: PluginSpec(name: "key-auth", config: [:]))
        builder.set(tenant: "acme", limit: Self.limit(day: 1))
        let factories = BuiltInPlugins.factories.merging(["key-auth": AuthenticatingPlugin.factory]) { $1 }
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { proxy in
            let codes = try await Traffic.sequence(
                proxy,
                [
                    ("/a", [("X-Authenticated-Tenant", "acme")]),
                    ("/a", [("X-Authenticated-Tenant", "acme"), ("X-Tenant-ID", "globex")]),
                    ("/a", [("X-Authenticated-Tenant", "globex"), ("X-Tenant-ID", "acme")]),
                ])
            #expect(codes == [200, 429, 200])
        }
    }

    @Test("the tenant header is configurable")
    func tenantHeaderSetting() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.set(tenant: "acme", limit: Self.limit(day: 1))
        try await ProxyHarness.run(builder.build(), pluginSettings: PluginSettings(tenantHeader: "X-Org")) { proxy in
            let codes = try await Traffic.sequence(
                proxy, [("/a", [("X-Org", "acme")]), ("/a", [("X-Tenant-ID", "acme")]), ("/b", [("X-Org", "acme")])])
            #expect(codes == [200, 200, 429])
        }
    }

    @Test("editing a tenant's limit keeps its count")
    func countsSurviveChanges() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = Self.builder(upstream)
        builder.set(tenant: "acme", limit: Self.limit(day: 2))
        try await ProxyHarness.run(builder.build()) { proxy in
            let tenant = [("X-Tenant-ID", "acme")]
            #expect(try await Traffic.burst(proxy, count: 2, path: "/a", headers: tenant).ok == 2)
            builder.set(tenant: "acme", limit: Self.limit(day: 3))
            await proxy.publish(builder.build())
            let burst = try await Traffic.burst(proxy, count: 3, path: "/a", headers: tenant)
            #expect(burst == .init(ok: 1, limited: 2))
        }
    }
}
