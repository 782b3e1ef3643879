import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// The `rate-limiting` plugin through real traffic. Limits are per day or hour so
/// that no window boundary falls inside a test in practice; the algorithms' edges
/// are tested with an injected clock in `RateLimiting/`.
@Suite("Proxy rate-limiting plugin")
struct ProxyRateLimitPluginTests {
    private typealias Traffic = ProxyRateLimitTraffic

    private static func gateway(
        _ plugins: [PluginSpec], upstream: TestUpstream, _ body: (ProxyHarness) async throws -> Void
    ) async throws {
        var builder = ConfigBuilder()
        builder.add(
            .to("svc", port: upstream.port),
            routes: [RouteSpec(name: "one", paths: ["/one"]), RouteSpec(name: "two", paths: ["/two"])])
        for plugin in plugins { builder.add(plugin: plugin) }
        try await ProxyHarness.run(builder.build(), pluginFactories: Traffic.factories, body)
    }

    @Test("N concurrent requests against a limit of L admit exactly L; the others never reach the upstream",
        arguments: RateLimitWindows.Algorithm.allCases)
    func exactUnderConcurrency(algorithm: RateLimitWindows.Algorithm) async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try Traffic.plugin(["day": 25, "limit_by": "service", "algorithm": .string(algorithm.rawValue)])
        try await Self.gateway([plugin], upstream: upstream) { proxy in
            let outcome = try await Traffic.burst(proxy, count: 120, path: "/one")
            #expect(outcome.ok == 25)
            #expect(outcome.limited == 95)
            #expect(upstream.log.requests.count == 25)
        }
    }

    @Test("admitted responses carry the headers; a 429 adds a problem body and Retry-After")
    func headersAndRejection() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await Self.gateway([try Traffic.plugin(["hour": 2, "day": 100])], upstream: upstream) { proxy in
            let first = try await proxy.request("/one")
            #expect(first.status == .ok)
            #expect(first.headers["RateLimit-Limit"] == ["2"])
            #expect(first.headers["RateLimit-Remaining"] == ["1"])
            #expect(first.headers.first(name: "RateLimit-Reset").flatMap(Int.init).map { (1...3600).contains($0) } == true)
            #expect(first.headers["X-RateLimit-Limit-Hour"] == ["2"])
            #expect(first.headers["X-RateLimit-Remaining-Hour"] == ["1"])
            #expect(first.headers["X-RateLimit-Limit-Day"] == ["100"])
            #expect(first.headers["X-RateLimit-Remaining-Day"] == ["99"])
            #expect(first.headers["Retry-After"].isEmpty)
            #expect(try await proxy.request("/one").headers["RateLimit-Remaining"] == ["0"])

            let limited = try await proxy.request("/one")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers["Content-Type"] == ["application/problem+json"])
            let problem = try limited.problem()
            #expect(problem.status == 429)
            #expect(problem.detail.hasPrefix("API rate limit exceeded: at most 2 requests per hour; retry in "))
            // Sliding window: the two requests of this hour still weigh half when the next is half over.
            #expect(limited.headers.first(name: "Retry-After").flatMap(Int.init).map { (1...5400).contains($0) } == true)
            #expect(limited.headers["RateLimit-Remaining"] == ["0"])
            #expect(limited.headers["X-RateLimit-Remaining-Day"] == ["98"])
            #expect(upstream.log.requests.count == 2)
        }
    }

    @Test("limit_by ip, header (falling back to the address), service, route and tenant")
    func limitBy() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cases: [(config: JSONValue, requests: [(path: String, headers: [(String, String)])], codes: [UInt])] = [
            (["day": 1, "limit_by": "ip"], [("/one", []), ("/two", [("X-Client", "b")])], [200, 429]),
            (
                ["day": 1, "limit_by": "header", "header_name": "X-Client"],
                [("/one", [("X-Client", "a")]), ("/one", [("X-Client", "a")]), ("/one", [("X-Client", "b")]),
                 ("/one", []), ("/two", [])],
                [200, 429, 200, 200, 429]
            ),
            (["day": 1, "limit_by": "service"], [("/one", []), ("/two", [])], [200, 429]),
            (["day": 1, "limit_by": "route"], [("/one", []), ("/one", []), ("/two", [])], [200, 429, 200]),
            (
                ["day": 1, "limit_by": "tenant"],
                [("/one", [("X-Tenant-ID", "acme")]), ("/two", [("X-Tenant-ID", "acme")]),
                 ("/one", [("X-Tenant-ID", "globex")])],
                [200, 429, 200]
            ),
        ]
        for (config, requests, codes) in cases {
            try await Self.gateway([try Traffic.plugin(config)], upstream: upstream) { proxy in
                let answered = try await Traffic.sequence(proxy, requests)
                #expect(answered == codes, "limit_by \(config)")
            }
        }
    }

    @Test("a configuration change keeps the counts; a plugin's own counters are its own")
    func countsSurviveChanges() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "one", paths: ["/one"])])
        let id = builder.add(plugin: try Traffic.plugin(["day": 3], service: "svc"))
        try await ProxyHarness.run(builder.build(), pluginFactories: Traffic.factories) { proxy in
            #expect(try await Traffic.burst(proxy, count: 2, path: "/one").ok == 2)
            builder.replace(plugin: id, with: try Traffic.plugin(["day": 4], service: "svc"))
            await proxy.publish(builder.build())
            let edited = try await Traffic.burst(proxy, count: 5, path: "/one")
            #expect(edited == .init(ok: 2, limited: 3))

            builder.remove(plugin: id)
            builder.add(plugin: try Traffic.plugin(["day": 4], service: "svc"))
            await proxy.publish(builder.build())
            let renewed = try await Traffic.burst(proxy, count: 5, path: "/one")
            #expect(renewed == .init(ok: 4, limited: 1))
        }
    }
}
