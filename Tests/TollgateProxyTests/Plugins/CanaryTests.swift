import Foundation
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// Canary releases through real traffic: the exact split, stickiness, the override
/// header, timed steps, the fall-back when the canary is down, and the canary URL's path.
@Suite("Canary")
struct CanaryTests {
    /// A service `svc` on `stable` with one route `r` on `/`, and a canary on `canary`'s URL.
    static func gateway(stable: TestUpstream, canary: CanarySpec, servicePath: String? = nil) -> ConfigBuilder {
        var builder = ConfigBuilder()
        builder.add(
            .to("svc", port: stable.port, path: servicePath), routes: [RouteSpec(name: "r", paths: ["/"], stripPath: false)])
        builder.set(canary: canary, service: "svc")
        return builder
    }

    static func url(_ upstream: TestUpstream, path: String = "") throws -> TrafficDestination {
        .url(try UpstreamURL.parse("http://127.0.0.1:\(upstream.port)\(path)").get())
    }

    /// Sends `count` requests one after the other; returns how many the canary served.
    static func canaryShare(
        _ proxy: ProxyHarness, count: Int, headers: (Int) -> [(String, String)] = { _ in [] }
    ) async throws -> Int {
        var served = 0
        for index in 0..<count {
            let response = try await proxy.request("/x", headers: headers(index))
            #expect(response.status == .ok)
            if response.upstream == "canary" {
                served += 1
                #expect(response.headers["x-tollgate-canary"] == ["1"])
            } else {
                #expect(response.headers["x-tollgate-canary"].isEmpty)
            }
        }
        return served
    }

    @Test("without affinity, 20 % of 500 requests go to the canary, marked X-Tollgate-Canary: 1")
    func exactSplit() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        var builder = Self.gateway(stable: stable, canary: CanarySpec(destination: try Self.url(canary), percentage: 20))
        try await ProxyHarness.run(builder.build()) { proxy async throws in
            let served = try await Self.canaryShare(proxy, count: 500)
            #expect((95...105).contains(served), "\(served) of 500")
        }
    }

    @Test("with hash_on header a client stays on its side, and a higher percentage only moves clients to the canary")
    func stickyAndMonotonic() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        var spec = CanarySpec(destination: try Self.url(canary), percentage: 30, hashOn: .header, hashOnHeader: "X-User-ID")
        var builder = Self.gateway(stable: stable, canary: spec)
        let users = (0..<120).map { "user-\($0)" }
        try await ProxyHarness.run(builder.build()) { proxy async throws in
            func canaryUsers() async throws -> Set<String> {
                var result: Set<String> = []
                for user in users where try await proxy.request("/x", headers: [("X-User-ID", user)]).upstream == "canary" {
                    result.insert(user)
                }
                return result
            }
            let atThirty = try await canaryUsers()
            #expect(try await canaryUsers() == atThirty, "the same users land on the same side")
            #expect(!atThirty.isEmpty && atThirty.count < users.count / 2, "\(atThirty.count) of \(users.count)")

            spec.percentage = 70
            builder.set(canary: spec, service: "svc")
            await proxy.publish(builder.build())
            let atSeventy = try await canaryUsers()
            #expect(atThirty.isSubset(of: atSeventy), "no user moved back to stable")
            #expect(atSeventy.count > atThirty.count && atSeventy.count < users.count, "\(atSeventy.count) of \(users.count)")
        }
    }

    @Test("the override header sends a request to the canary (always) or keeps it on stable (never)")
    func overrideHeader() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        var spec = CanarySpec(destination: try Self.url(canary), percentage: 0, overrideHeader: "X-Release")
        var builder = Self.gateway(stable: stable, canary: spec)
        try await ProxyHarness.run(builder.build()) { proxy async throws in
            #expect(try await proxy.request("/x").upstream == "stable")
            #expect(try await proxy.request("/x", headers: [("X-Release", "always")]).upstream == "canary")
            #expect(try await proxy.request("/x", headers: [("x-release", "ALWAYS")]).upstream == "canary")
            #expect(try await proxy.request("/x", headers: [("X-Release", "maybe")]).upstream == "stable")

            spec.percentage = 100
            builder.set(canary: spec, service: "svc")
            await proxy.publish(builder.build())
            #expect(try await proxy.request("/x").upstream == "canary")
            #expect(try await proxy.request("/x", headers: [("X-Release", "never")]).upstream == "stable")
        }
    }

    @Test("steps raise the percentage from the stored start time: one interval in, 50 %; two, 100 %")
    func steps() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        let spec = CanarySpec(
            destination: try Self.url(canary), percentage: 0,
            steps: CanarySpec.Steps(increment: 50, intervalS: 3600, until: 100))
        var builder = Self.gateway(stable: stable, canary: spec)
        /// The configuration with the canary's schedule started `elapsed` seconds ago.
        func started(_ elapsed: TimeInterval) -> GatewayConfig {
            var config = builder.build()
            config.canaries[0].entity.metadata.updatedAt = Date().addingTimeInterval(-elapsed)
            return config
        }
        try await ProxyHarness.run(started(0)) { proxy async throws in
            #expect(try await Self.canaryShare(proxy, count: 10) == 0)
            await proxy.publish(started(3600 + 60))
            #expect(try await Self.canaryShare(proxy, count: 10) == 5)
            await proxy.publish(started(2 * 3600 + 60))
            #expect(try await Self.canaryShare(proxy, count: 10) == 10)
        }
    }

    @Test("a canary upstream without a usable target leaves traffic on stable, and each fall-back is counted")
    func fallBack() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        var builder = Self.gateway(stable: stable, canary: CanarySpec(destination: .upstream("v2"), percentage: 100))
        let keys = builder.add(UpstreamSpec(name: "v2"), targets: [TargetSpec(target: canary.address)])
        let config = builder.build()
        let id = try #require(config.canaries.first?.entity.metadata.id)
        try await ProxyHarness.run(config) { proxy async throws in
            proxy.health.mark(keys[0], healthy: false, at: Date())
            #expect(try await Self.canaryShare(proxy, count: 4) == 0)
            #expect(proxy.compiler.traffic.stats.canary(id).fallbacks == 4)

            proxy.health.mark(keys[0], healthy: true, at: Date())
            #expect(try await Self.canaryShare(proxy, count: 2) == 2)
            #expect(proxy.compiler.traffic.stats.canary(id).fallbacks == 4)
        }
    }

    @Test("a canary URL's path takes the place of the service's path")
    func urlPath() async throws {
        let stable = try await TestUpstream.start(name: "stable")
        let canary = try await TestUpstream.start(name: "canary")
        var builder = Self.gateway(
            stable: stable, canary: CanarySpec(destination: try Self.url(canary, path: "/v2"), percentage: 100),
            servicePath: "/v1")
        try await ProxyHarness.run(builder.build()) { proxy async throws in
            let response = try await proxy.request("/orders/7?full=1")
            #expect(response.upstream == "canary")
            #expect(try response.report().uri == "/v2/orders/7?full=1")
        }
    }
}
