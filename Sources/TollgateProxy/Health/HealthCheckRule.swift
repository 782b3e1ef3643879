import TollgateCore

/// The thresholds one kind of check (active or passive) applies to its observations
/// of an upstream's targets. A threshold of 0 turns that counter off.
struct HealthCheckRule: Sendable, Hashable {
    /// Which check observes.
    enum Check: String, Sendable {
        case active, passive

        /// The source a transition made by this check reports.
        var source: TargetHealth.Source {
            switch self {
            case .active: .active
            case .passive: .passive
            }
        }
    }

    var check: Check
    /// Successes in a row that make an unhealthy target healthy.
    var successes: Int
    /// HTTP failures in a row that make a healthy target unhealthy.
    var httpFailures: Int
    /// TCP failures in a row that make a healthy target unhealthy.
    var tcpFailures: Int
    /// Timeouts in a row that make a healthy target unhealthy.
    var timeouts: Int
    /// Whether a target this check ejects is given half-open trials after a back-off:
    /// true for passive checks when no active probe of unhealthy targets can bring it back.
    var halfOpen: Bool

    /// The threshold of the counter `observation` increments.
    func threshold(for observation: HealthObservation) -> Int {
        switch observation {
        case .success: successes
        case .httpFailure: httpFailures
        case .tcpFailure: tcpFailures
        case .timeout: timeouts
        }
    }
}

extension HealthCheckRule {
    /// The rule of an upstream's active checks.
    init(active: Healthchecks.Active) {
        self.init(check: .active, healthy: active.healthy, unhealthy: active.unhealthy, halfOpen: false)
    }

    /// The rule of an upstream's passive checks; `active` decides whether ejected targets get half-open trials.
    init(passive: Healthchecks.Passive, active: Healthchecks.Active) {
        let activeRecovers = active.unhealthy.intervalS > 0 && active.healthy.successes > 0
        self.init(check: .passive, healthy: passive.healthy, unhealthy: passive.unhealthy, halfOpen: !activeRecovers)
    }

    private init(check: Check, healthy: Healthchecks.Healthy, unhealthy: Healthchecks.Unhealthy, halfOpen: Bool) {
        self.init(
            check: check, successes: healthy.successes, httpFailures: unhealthy.httpFailures,
            tcpFailures: unhealthy.tcpFailures, timeouts: unhealthy.timeouts, halfOpen: halfOpen)
    }
}
