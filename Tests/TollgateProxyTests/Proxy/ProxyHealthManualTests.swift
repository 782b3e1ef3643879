import Foundation
import Testing
import TollgateCore

@testable import TollgateProxy

/// Manual overrides: effective for the next request, holding until the checks' next transition.
@Suite("Proxy health: manual overrides")
struct ProxyHealthManualTests {
    @Test("marked unhealthy, a target leaves rotation at once and stays out until the checker's next transition")
    func markUnhealthy() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        let b = servers[1]
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: HealthFixtures.active(successes: 2))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            await waitUntil("b is probed") { HealthFixtures.probes(of: b) > 0 }
            // While b fails its probes the checker sees no success: nothing but the mark decides.
            b.switchTo(.fail)
            health.registry.mark(keys[1], healthy: false, at: Date())
            let whileMarked = try await health.answers(6)
            #expect(whileMarked == Array(repeating: "a", count: 6))
            #expect(health.health(of: keys[1]).source == .manual)

            b.switchTo(nil)
            await waitUntil("two successful probes bring b back") { health.isHealthy(keys[1]) }
            #expect(health.health(of: keys[1]).source == .active)
            #expect(health.logged("UNHEALTHY → HEALTHY (active: 2 successes)"))
            let afterTransition = try await health.answers(4)
            #expect(Set(afterTransition) == ["a", "b"])
        }
    }

    @Test("marked healthy, a failing target gets traffic at once until the checker ejects it again")
    func markHealthy() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        let b = servers[1]
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.active(healthyInterval: 1, httpFailures: 2))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            b.switchTo(.fail)
            await waitUntil("b is marked unhealthy") { health.isUnhealthy(keys[1]) }

            let markedAt = ContinuousClock.now
            health.registry.mark(keys[1], healthy: true, at: Date())
            let afterMark = try await health.answers(2)
            #expect(Set(afterMark) == ["a", "b"])
            await waitUntil("b is ejected again") { health.isUnhealthy(keys[1]) }
            // Two failures: one may be in flight at the mark, the next comes a healthy interval (1 s) later.
            #expect(ContinuousClock.now - markedAt >= .milliseconds(850), "the mark held until two probes failed")
            #expect(health.health(of: keys[1]).source == .active)
        }
    }

    @Test("without health checks a mark holds for good")
    func markWithoutChecks() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: Healthchecks())
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            health.registry.mark(keys[1], healthy: false, at: Date())
            let whileMarked = try await health.answers(10)
            #expect(whileMarked == Array(repeating: "a", count: 10))
            health.registry.mark(keys[1], healthy: true, at: Date())
            let afterUnmark = try await health.answers(4)
            #expect(Set(afterUnmark) == ["a", "b"])
        }
    }
}
