import NIOCore
import TollgateCore

/// An upstream's active checks, compiled for the checker: what a probe is, how
/// long it may take, how often each side is probed and what its answers mean.
/// (A class: every probe holds it, and copying a reference is cheaper than its fields.)
final class ActiveProbeSettings: Sendable {
    /// The configuration these settings were built from (a change restarts the upstream's schedule).
    let active: Healthchecks.Active
    let rule: HealthCheckRule
    let statuses: HealthStatusClasses
    let timeout: TimeAmount
    /// How often usable targets are probed; nil: they are not.
    let healthyInterval: TimeAmount?
    /// How often unusable targets are probed; nil: they are not.
    let unhealthyInterval: TimeAmount?

    /// The settings of `checks`, or nil when active checks are off (both intervals 0).
    init?(_ checks: Healthchecks) {
        let active = checks.active
        guard active.isEnabled else { return nil }
        self.active = active
        rule = HealthCheckRule(active: active)
        statuses = HealthStatusClasses(healthy: active.healthy.httpStatuses, unhealthy: active.unhealthy.httpStatuses)
        timeout = Self.duration(active.timeoutS) ?? .milliseconds(1)
        healthyInterval = Self.duration(active.healthy.intervalS)
        unhealthyInterval = Self.duration(active.unhealthy.intervalS)
    }

    /// How long until a target is probed again, by whether it is usable; nil when that side is not probed.
    func interval(usable: Bool) -> TimeAmount? {
        usable ? healthyInterval : unhealthyInterval
    }

    /// How often a target on a side that is not probed is looked at again, to
    /// notice that it changed sides (through passive checks or a manual mark).
    var recheckInterval: TimeAmount {
        [healthyInterval, unhealthyInterval].compactMap { $0 }.min() ?? .seconds(1)
    }

    private static func duration(_ seconds: Double) -> TimeAmount? {
        seconds > 0 ? .nanoseconds(Int64((seconds * 1e9).rounded())) : nil
    }
}
