import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy

/// Each balancing algorithm, observed through real connections.
@Suite("Proxy balancing")
struct ProxyBalancingTests {
    /// Starts one test upstream per name.
    private static func upstreams(
        _ names: [String], behaviour: UpstreamBehaviour = UpstreamBehaviour()
    ) async throws -> [TestUpstream] {
        var result: [TestUpstream] = []
        for name in names { result.append(try await TestUpstream.start(name: name, behaviour: behaviour)) }
        return result
    }

    /// A configuration routing `/` to upstream `pool` over `servers` with `weights`.
    private static func pool(
        _ spec: UpstreamSpec, servers: [TestUpstream], weights: [Int]
    ) -> (ConfigBuilder, [TargetKey]) {
        var builder = ConfigBuilder()
        let keys = builder.add(
            spec, targets: zip(servers, weights).map { TargetSpec(target: $0.address, weight: $1) })
        builder.add(.balanced("svc", upstream: spec.name), routes: [RouteSpec(name: "r", paths: ["/"])])
        return (builder, keys)
    }

    @Test("weighted round-robin 60/30/10 over 300 requests stays within ±3 %")
    func weightedRoundRobin() async throws {
        let servers = try await Self.upstreams(["a", "b", "c"])
        var (builder, _) = Self.pool(UpstreamSpec(name: "pool"), servers: servers, weights: [60, 30, 10])
        try await ProxyHarness.run(builder.build()) { proxy in
            var counts: [String: Int] = [:]
            for _ in 0..<300 {
                let response = try await proxy.request("/rr")
                counts[response.upstream ?? "?", default: 0] += 1
            }
            #expect(abs((counts["a"] ?? 0) - 180) <= 9, "\(counts)")
            #expect(abs((counts["b"] ?? 0) - 90) <= 9, "\(counts)")
            #expect(abs((counts["c"] ?? 0) - 30) <= 9, "\(counts)")
        }
    }

    @Test("consistent hashing on a header keeps each key on one target and spreads keys")
    func consistentHashingOnHeader() async throws {
        let servers = try await Self.upstreams(["a", "b", "c"])
        var (builder, _) = Self.pool(
            UpstreamSpec(name: "pool", algorithm: .consistentHashing, hashOn: .header, hashOnHeader: "x-user"),
            servers: servers, weights: [100, 100, 100])
        try await ProxyHarness.run(builder.build()) { proxy in
            var targetOfUser: [String: Set<String>] = [:]
            for round in 0..<3 {
                for user in 0..<20 {
                    let response = try await proxy.request("/h/\(round)", headers: [("X-User", "user-\(user)")])
                    targetOfUser["user-\(user)", default: []].insert(response.upstream ?? "?")
                }
            }
            #expect(targetOfUser.values.allSatisfy { $0.count == 1 }, "\(targetOfUser)")
            #expect(Set(targetOfUser.values.flatMap { $0 }).count >= 2)

            var withoutKey: Set<String> = []
            for _ in 0..<12 { withoutKey.insert(try await proxy.request("/no-key").upstream ?? "?") }
            #expect(withoutKey.count >= 2, "requests without the header fall back to round-robin")
        }
    }

    @Test("a sticky cookie is set with Path, HttpOnly and SameSite=Lax, and a client presenting it sticks")
    func stickyCookie() async throws {
        let servers = try await Self.upstreams(["a", "b", "c"])
        var (builder, _) = Self.pool(
            UpstreamSpec(
                name: "pool", algorithm: .consistentHashing, hashOn: .cookie, hashOnCookie: "tg_sticky",
                hashOnCookiePath: "/shop"),
            servers: servers, weights: [100, 100, 100])
        try await ProxyHarness.run(builder.build()) { proxy in
            var cookies: [String] = []
            var firstTargets: [String] = []
            for _ in 0..<6 {
                let first = try await proxy.request("/shop/cart")
                let setCookie = try #require(first.headers.first(name: "set-cookie"))
                let parts = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(parts.count == 4, "\(setCookie)")
                #expect(parts.first?.hasPrefix("tg_sticky=") == true)
                #expect(Array(parts.dropFirst()) == ["Path=/shop", "HttpOnly", "SameSite=Lax"])
                cookies.append(String(parts[0]))
                firstTargets.append(first.upstream ?? "?")
            }
            for (cookie, target) in zip(cookies, firstTargets) {
                for _ in 0..<5 {
                    let next = try await proxy.request("/shop/cart", headers: [("Cookie", "a=1; \(cookie); b=2")])
                    #expect(next.upstream == target)
                    #expect(next.headers.first(name: "set-cookie") == nil)
                }
            }
        }
    }

    @Test("least-connections sends little traffic to a slow target")
    func leastConnections() async throws {
        let slow = try await TestUpstream.start(name: "slow", behaviour: UpstreamBehaviour(delayMilliseconds: 1_000))
        let fast = try await TestUpstream.start(name: "fast")
        var (builder, _) = Self.pool(
            UpstreamSpec(name: "pool", algorithm: .leastConnections), servers: [slow, fast], weights: [100, 100])
        try await ProxyHarness.run(builder.build()) { proxy in
            let total = 40
            let concurrency = 4
            let answered = try await withThrowingTaskGroup(of: String.self) { group in
                var next = 0
                var answered: [String] = []
                while next < concurrency {
                    group.addTask { try await proxy.request("/lc").upstream ?? "?" }
                    next += 1
                }
                while let upstream = try await group.next() {
                    answered.append(upstream)
                    if next < total {
                        group.addTask { try await proxy.request("/lc").upstream ?? "?" }
                        next += 1
                    }
                }
                return answered
            }
            #expect(answered.count == total)
            let toSlow = answered.filter { $0 == "slow" }.count
            #expect(toSlow <= 6, "the slow target got \(toSlow) of \(total)")
        }
    }
}
