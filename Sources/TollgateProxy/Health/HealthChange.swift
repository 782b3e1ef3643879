import NIOCore

/// What an event did to a target's health that deserves a log line.
enum HealthChange: Sendable, Hashable {
    /// The target's verdict changed (nil: no verdict, the target's default state).
    case transition(from: HealthVerdict?, to: HealthVerdict?, reason: String)
    /// A half-open trial failed; the target stays out for `nextTrialIn`.
    case trialFailed(reason: String, nextTrialIn: TimeAmount)
}
