/// One check's counters for one target, with Kong's reset rules: a success clears
/// the failure counters, a failure clears the success counter.
struct HealthCounters: Sendable, Hashable {
    var successes = 0
    var httpFailures = 0
    var tcpFailures = 0
    var timeouts = 0

    /// Whether no failure is counted.
    var hasNoFailures: Bool { httpFailures == 0 && tcpFailures == 0 && timeouts == 0 }

    /// Applies the reset rule of `observation` and returns the count of its kind, incremented.
    mutating func count(_ observation: HealthObservation) -> Int {
        switch observation {
        case .success:
            httpFailures = 0
            tcpFailures = 0
            timeouts = 0
            successes += 1
            return successes
        case .httpFailure:
            successes = 0
            httpFailures += 1
            return httpFailures
        case .tcpFailure:
            successes = 0
            tcpFailures += 1
            return tcpFailures
        case .timeout:
            successes = 0
            timeouts += 1
            return timeouts
        }
    }

    /// Applies only the reset rule of `observation` (the observation itself is not counted).
    mutating func reset(for observation: HealthObservation) {
        switch observation {
        case .success:
            httpFailures = 0
            tcpFailures = 0
            timeouts = 0
        case .httpFailure, .tcpFailure, .timeout:
            successes = 0
        }
    }
}
