import Foundation
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// Active health checks against real upstreams on loopback, switched to fail,
/// hang or refuse connections, observed through the proxy and the registry.
@Suite("Proxy health: active checks")
struct ProxyHealthActiveTests {
    private static let interval = HealthFixtures.interval

    @Test("a failing target is marked unhealthy within interval × threshold, loses its traffic, and recovers")
    func markingAndRecovery() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        let b = servers[1]
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(successes: 2, httpFailures: 3))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            await waitUntil("b is probed") { HealthFixtures.probes(of: b) > 0 }
            let spread = try await health.answers(4)
            #expect(Set(spread) == ["a", "b"])

            b.switchTo(.fail)
            let marked = await waitUntil("b is marked unhealthy") { health.isUnhealthy(keys[1]) }
            let marking = try #require(marked)
            #expect(marking >= .seconds(fraction: 2 * Self.interval - 0.02), "three failures in a row are needed")
            #expect(marking <= .seconds(fraction: 3 * Self.interval + 0.5), "marked after \(marking)")
            #expect(health.health(of: keys[1]).source == .active)
            let whileDown = try await health.answers(6)
            #expect(whileDown == Array(repeating: "a", count: 6))
            let transition = "target \(b.address): HEALTHY → UNHEALTHY (active: 3 HTTP failures (last status 500))"
            #expect(health.logged(transition))

            b.switchTo(nil)
            let recovered = await waitUntil("b recovers") { health.isHealthy(keys[1]) }
            let recovery = try #require(recovered)
            #expect(recovery <= .seconds(fraction: 2 * Self.interval + 0.5), "recovered after \(recovery)")
            #expect(health.health(of: keys[1]).source == .active)
            let afterRecovery = try await health.answers(4)
            #expect(Set(afterRecovery) == ["a", "b"])
        }
    }

    @Test("refused connections count as TCP failures and a hanging target as timeouts")
    func tcpFailuresAndTimeouts() async throws {
        let servers = try await HealthFixtures.servers("refusing", "hanging", "fine")
        let (refusing, hanging) = (servers[0], servers[1])
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(tcpFailures: 2, timeouts: 2, timeout: 1))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            try await refusing.refuseConnections()
            hanging.switchTo(.hang)
            await waitUntil("both are marked unhealthy") { health.isUnhealthy(keys[0]) && health.isUnhealthy(keys[1]) }
            #expect(health.isHealthy(keys[2]))
            let refused = "target \(refusing.address): HEALTHY → UNHEALTHY (active: 2 TCP failures)"
            let timedOut = "target \(hanging.address): HEALTHY → UNHEALTHY (active: 2 timeouts)"
            #expect(health.logged(refused))
            #expect(health.logged(timedOut))
            let meanwhile = try await health.answers(4)
            #expect(meanwhile == Array(repeating: "fine", count: 4))

            try await refusing.acceptConnections()
            hanging.switchTo(nil)
            await waitUntil("both recover") { health.isHealthy(keys[0]) && health.isHealthy(keys[1]) }
        }
    }

    @Test("tcp checks only connect, so a server that never answers a request is healthy")
    func tcpChecks() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        for server in servers { server.switchTo(.hang) }
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(type: .tcp, timeouts: 1, timeout: 0.3))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            await waitUntil("each server saw two probes") { servers.allSatisfy { $0.log.connections >= 2 } }
            #expect(keys.allSatisfy { health.isHealthy($0) })
            #expect(servers.allSatisfy { HealthFixtures.probes(of: $0) == 0 })
        }
    }

    @Test("at most `concurrency` probes of an upstream run at once")
    func concurrencyLimit() async throws {
        // Probes that hang until the 0.3 s timeout, one at a time: four targets take at least 1.2 s.
        let servers = try await HealthFixtures.servers("w", "x", "y", "z")
        for server in servers { server.switchTo(.hang) }
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(timeouts: 1, timeout: 0.3, concurrency: 1))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            let marked = await waitUntil("every target is marked unhealthy") { keys.allSatisfy { health.isUnhealthy($0) } }
            let elapsed = try #require(marked)
            #expect(elapsed >= .milliseconds(3 * 300), "probes overlapped: concurrency 1 was not kept")
        }
    }

    @Test("https probes verify the certificate unless told not to")
    func httpsProbes() async throws {
        let certificates = try TestCertificates.shared()
        let trusted = try await TLSTestUpstream.start(name: "trusted", identity: certificates.server)
        let rogue = try await TLSTestUpstream.start(name: "rogue", identity: certificates.untrusted)
        let addresses = ["127.0.0.1:\(trusted.port)", "127.0.0.1:\(rogue.port)"]
        let tls = try UpstreamTLS(additionalCAFile: certificates.trustedCA)

        var (verifying, verifyingKeys) = HealthFixtures.pool(addresses, checks: HealthFixtures.active(type: .https))
        let verified = verifying.build()
        try await HealthHarness.run(verified, tls: tls) { health in
            await waitUntil("the rogue server is marked unhealthy") { health.isUnhealthy(verifyingKeys[1]) }
            #expect(health.isHealthy(verifyingKeys[0]))
            #expect(trusted.log.requests.contains { $0.uri == "/health" })
        }

        var (trusting, trustingKeys) = HealthFixtures.pool(
            addresses, checks: HealthFixtures.active(type: .https, verifyCertificate: false))
        let unverified = trusting.build()
        try await HealthHarness.run(unverified, tls: tls) { health in
            await waitUntil("the rogue server is probed") { rogue.log.requests.contains { $0.uri == "/health" } }
            #expect(trustingKeys.allSatisfy { health.isHealthy($0) })
        }
    }

    @Test("a removed target is not probed any more, whether the configuration or the registry drops it first")
    func removedTargetsAreNotProbed() async throws {
        let servers = try await HealthFixtures.servers("a", "b", "c")
        let (a, b, c) = (servers[0], servers[1], servers[2])
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: HealthFixtures.active())
        let initial = builder.build()
        let withoutB = initial.removing(keys[1])
        try await HealthHarness.run(initial) { health in
            await waitUntil("every server is probed") { servers.allSatisfy { HealthFixtures.probes(of: $0) > 0 } }

            // b leaves with a new configuration.
            await health.apply(withoutB)
            let probesOfB = HealthFixtures.probes(of: b)
            // c is forgotten by the registry (deleted through the API) before any new configuration.
            health.registry.forget(keys[2])
            let probesOfC = HealthFixtures.probes(of: c)

            let probesOfA = HealthFixtures.probes(of: a)
            await waitUntil("a is probed four more times") { HealthFixtures.probes(of: a) >= probesOfA + 4 }
            #expect(HealthFixtures.probes(of: b) <= probesOfB + 1, "only a probe already in flight may arrive")
            #expect(HealthFixtures.probes(of: c) <= probesOfC + 1, "only a probe already in flight may arrive")
        }
    }

    @Test("an unrelated change keeps health state and probing; a target added again starts fresh")
    func stateAcrossConfigurationChanges() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        let (a, b) = (servers[0], servers[1])
        // Unhealthy targets are not probed: only a health-check transition or a mark could bring b back.
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(unhealthyInterval: 0))
        let initial = builder.build()
        builder.add(.to("unrelated", port: a.port), routes: [RouteSpec(name: "u", paths: ["/unrelated"])])
        let unrelatedChange = builder.build()
        let (readded, newKey) = builder.build().removing(keys[1]).adding(b.address, besides: keys[0])
        try await HealthHarness.run(initial) { health in
            b.switchTo(.fail)
            await waitUntil("b is marked unhealthy") { health.isUnhealthy(keys[1]) }
            let ejected = health.health(of: keys[1])
            b.switchTo(nil)

            await health.apply(unrelatedChange)
            let probesOfA = HealthFixtures.probes(of: a)
            await waitUntil("a is probed three more times") { HealthFixtures.probes(of: a) >= probesOfA + 3 }
            #expect(health.health(of: keys[1]) == ejected)
            let afterChange = try await health.answers(4)
            #expect(afterChange == Array(repeating: "a", count: 4))

            await health.apply(readded)
            #expect(health.health(of: newKey) == TargetHealth(state: .healthy, source: .none, since: nil))
            let withReadded = try await health.answers(4)
            #expect(Set(withReadded) == ["a", "b"])
        }
    }

    @Test("when every target is down the proxy answers 503 naming the upstream and the gateway is degraded")
    func allTargetsDown() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: HealthFixtures.active())
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            #expect(health.registry.routedUpstreamsWithoutUsableTarget().isEmpty)
            for server in servers { server.switchTo(.fail) }
            await waitUntil("both are marked unhealthy") { keys.allSatisfy { health.isUnhealthy($0) } }
            let response = try await health.proxy.request("/down")
            #expect(response.status == .serviceUnavailable)
            #expect(try response.problem().detail.contains("'pool'"))
            #expect(health.registry.routedUpstreamsWithoutUsableTarget() == ["pool"])

            servers[0].switchTo(nil)
            await waitUntil("a recovers") { health.isHealthy(keys[0]) }
            let answeredBy = try await health.proxy.request("/up").upstream
            #expect(answeredBy == "a")
            #expect(health.registry.routedUpstreamsWithoutUsableTarget().isEmpty)
        }
    }

    @Test("consistent hashing moves only the keys of a target that goes down, and moves them back when it returns")
    func consistentHashingKeepsOtherKeys() async throws {
        let servers = try await HealthFixtures.servers("a", "b", "c")
        let c = servers[2]
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(), algorithm: .consistentHashing, hashOnHeader: "x-user")
        let config = builder.build()
        let users = (0..<40).map { "user-\($0)" }
        try await HealthHarness.run(config) { health in
            let before = try await Self.placement(of: users, through: health)
            #expect(Set(before.values) == ["a", "b", "c"])

            try await c.refuseConnections()
            await waitUntil("c is marked unhealthy") { health.isUnhealthy(keys[2]) }
            let during = try await Self.placement(of: users, through: health)
            for user in users {
                if before[user] == "c" {
                    #expect(during[user] == "a" || during[user] == "b", "\(user) moved to \(during[user] ?? "?")")
                } else {
                    #expect(during[user] == before[user], "\(user) moved although its target stayed up")
                }
            }

            try await c.acceptConnections()
            await waitUntil("c recovers") { health.isHealthy(keys[2]) }
            let after = try await Self.placement(of: users, through: health)
            #expect(after == before)
        }
    }

    /// The test upstream each user's requests reach (hashed on `x-user`).
    private static func placement(of users: [String], through health: HealthHarness) async throws -> [String: String] {
        var result: [String: String] = [:]
        for user in users { result[user] = try await health.proxy.request("/", headers: [("x-user", user)]).upstream }
        return result
    }
}
