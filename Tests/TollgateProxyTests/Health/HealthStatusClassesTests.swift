import Testing
import TollgateCore

@testable import TollgateProxy

/// What probe answers and proxied responses tell: status classes and passive policies.
@Suite("Health status classes")
struct HealthStatusClassesTests {
    @Test("statuses are healthy, unhealthy or neither; a status in both lists is healthy")
    func statusClasses() {
        let classes = HealthStatusClasses(healthy: [200, 302, 500], unhealthy: [500, 503, 42])
        #expect(classes.observation(for: 200) == .success)
        #expect(classes.observation(for: 500) == .success)
        #expect(classes.observation(for: 503) == .httpFailure(status: 503))
        #expect(classes.observation(for: 404) == nil)
        #expect(classes.observation(for: 42) == nil)
        #expect(classes.observation(for: 1000) == nil)
    }

    @Test("passive checks are off with all-zero counters; tcp passive checks count every response as a success")
    func passivePolicy() throws {
        var checks = Healthchecks()
        #expect(PassiveHealthPolicy(checks) == nil)
        checks.passive.unhealthy.httpFailures = 3
        let http = try #require(PassiveHealthPolicy(checks))
        #expect(http.observation(for: 500) == .httpFailure(status: 500))
        #expect(http.observation(for: 200) == .success)
        checks.passive.type = .tcp
        let tcp = try #require(PassiveHealthPolicy(checks))
        #expect(tcp.observation(for: 500) == .success)
    }
}
