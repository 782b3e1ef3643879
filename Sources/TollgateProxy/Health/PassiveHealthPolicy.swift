import TollgateCore

/// An upstream's passive checks, compiled once per snapshot: what a proxied
/// response tells, and the thresholds it counts against.
struct PassiveHealthPolicy: Sendable {
    let rule: HealthCheckRule
    /// Nil for `tcp` passive checks: any response is a success, statuses are not looked at.
    let statuses: HealthStatusClasses?

    /// The policy of `checks`, or nil when passive checks are off (all counters zero).
    init?(_ checks: Healthchecks) {
        guard checks.passive.isEnabled else { return nil }
        rule = HealthCheckRule(passive: checks.passive, active: checks.active)
        statuses =
            checks.passive.type == .tcp
            ? nil
            : HealthStatusClasses(healthy: checks.passive.healthy.httpStatuses, unhealthy: checks.passive.unhealthy.httpStatuses)
    }

    /// What a response with `status` tells, or nil when it counts as neither.
    @inline(__always)
    func observation(for status: Int) -> HealthObservation? {
        guard let statuses else { return .success }
        return statuses.observation(for: status)
    }
}
