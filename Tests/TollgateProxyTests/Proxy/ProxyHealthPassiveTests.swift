import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// Passive health checks: proxied traffic ejects failing targets, and targets
/// ejected by passive checks alone come back through half-open trials.
@Suite("Proxy health: passive checks")
struct ProxyHealthPassiveTests {
    private static let backoff = HalfOpenBackoff(initial: .milliseconds(300), maximum: .seconds(2))

    /// Runs `body` over targets `a` and `b` of a pool whose passive checks eject a target
    /// after one failed answer, with the test back-off; `body` gets `b` and the target keys.
    private static func withOneFailureEjection(
        _ body: (HealthHarness, _ b: TestUpstream, _ keys: [TargetKey]) async throws -> Void
    ) async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: HealthFixtures.passive(httpFailures: 1))
        try await HealthHarness.run(builder.build(), halfOpenBackoff: backoff) { health in
            try await body(health, servers[1], keys)
        }
    }

    @Test("a target answering unhealthy statuses is ejected after exactly the failure threshold")
    func ejectionAtThreshold() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        let b = servers[1]
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: HealthFixtures.passive(httpFailures: 3))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            b.switchTo(.fail)
            var statuses: [String: [UInt]] = [:]
            for _ in 0..<20 {
                let response = try await health.proxy.request("/")
                statuses[response.upstream ?? "?", default: []].append(response.status.code)
            }
            #expect(statuses["b"] == [500, 500, 500], "\(statuses)")
            #expect(statuses["a"]?.count == 17)
            #expect(health.isUnhealthy(keys[1]))
            #expect(health.health(of: keys[1]).source == .passive)
            #expect(health.logged("HEALTHY → UNHEALTHY (passive: 3 HTTP failures (last status 500); half-open trial in 10 s)"))
        }
    }

    @Test("healthy statuses in between reset the count: only failures in a row eject")
    func successesResetFailures() async throws {
        let server = try await TestUpstream.start(name: "only")
        var (builder, keys) = HealthFixtures.pool([server.address], checks: HealthFixtures.passive(httpFailures: 2))
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            for _ in 0..<10 {
                let failed = try await health.proxy.request("/", headers: [("x-test-action", "fail")])
                #expect(failed.status == .internalServerError)
                let succeeded = try await health.proxy.request("/")
                #expect(succeeded.status == .ok)
            }
            #expect(health.isHealthy(keys[0]))
        }
    }

    @Test("refused connections and timeouts eject passively; requests are retried on the other target meanwhile")
    func tcpFailuresAndTimeouts() async throws {
        let servers = try await HealthFixtures.servers("refusing", "hanging", "fine")
        let (refusing, hanging) = (servers[0], servers[1])
        var (builder, keys) = HealthFixtures.pool(
            servers.map(\.address), checks: HealthFixtures.passive(tcpFailures: 2, timeouts: 1), readTimeoutMs: 1_000)
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            try await refusing.refuseConnections()
            hanging.switchTo(.hang)
            var statuses: [HTTPResponseStatus] = []
            for _ in 0..<12 { statuses.append(try await health.proxy.request("/").status) }
            #expect(health.isUnhealthy(keys[0]))
            #expect(health.isUnhealthy(keys[1]))
            #expect(statuses.filter { $0 == .gatewayTimeout }.count == 1, "one request waited for the hanging target")
            #expect(Array(statuses.suffix(6)) == Array(repeating: .ok, count: 6))
            let afterEjection = try await health.answers(3)
            #expect(afterEjection == ["fine", "fine", "fine"])
        }
    }

    @Test("a passive-only ejection heals through a half-open trial once the target works again")
    func halfOpenRecovery() async throws {
        try await Self.withOneFailureEjection { health, b, keys in
            b.switchTo(.fail)
            try await waitUntil("traffic ejects b") {
                _ = try await health.proxy.request("/")
                return health.isUnhealthy(keys[1])
            }
            b.switchTo(nil)

            // Traffic keeps flowing; once the back-off is over a request tries b, and its success restores it.
            let recovered = try await waitUntil("a trial restores b") {
                _ = try await health.proxy.request("/")
                return health.isHealthy(keys[1])
            }
            let elapsed = try #require(recovered)
            #expect(elapsed >= .milliseconds(250), "the trial waited for the back-off")
            #expect(health.health(of: keys[1]).source == .passive)
            #expect(health.logged("UNHEALTHY → HEALTHY (passive: half-open trial succeeded)"))
            let afterTrial = try await health.answers(4)
            #expect(Set(afterTrial) == ["a", "b"])
        }
    }

    @Test("a failed trial ejects the target again for twice as long")
    func failedTrialDoublesBackoff() async throws {
        try await Self.withOneFailureEjection { health, b, keys in
            b.switchTo(.fail)
            let clock = ContinuousClock()
            // Keeps traffic flowing until b has been tried `count` times; returns when that happened.
            func tried(_ count: Int) async throws -> ContinuousClock.Instant {
                try await waitUntil("b is tried \(count) times") {
                    _ = try await health.proxy.request("/")
                    return b.log.requests.count >= count
                }
                return clock.now
            }
            let ejected = try await tried(1)
            let firstTrial = try await tried(2)
            let secondTrial = try await tried(3)
            #expect(firstTrial - ejected >= .milliseconds(290), "the first trial waited the initial back-off")
            #expect(secondTrial - firstTrial >= .milliseconds(590), "the second trial waited twice as long")
            #expect(health.isUnhealthy(keys[1]))
            #expect(health.log.messages.filter { $0.contains("half-open trial failed") }.count == 2)
        }
    }

    @Test("with passive checks off, failures never eject a target")
    func passiveChecksOff() async throws {
        let servers = try await HealthFixtures.servers("a", "b")
        servers[1].switchTo(.fail)
        var (builder, keys) = HealthFixtures.pool(servers.map(\.address), checks: Healthchecks())
        let config = builder.build()
        try await HealthHarness.run(config) { health in
            let answers = try await health.answers(20)
            #expect(answers.filter { $0 == "b" }.count == 10)
            #expect(health.registry.health(of: keys[1], checksEnabled: false) == .off)
        }
    }
}
