/// What one health check saw of a target: a probe's result or a proxied response's.
enum HealthObservation: Sendable, Hashable {
    /// A status the check counts as healthy, or (TCP checks) a connection that opened.
    case success
    /// A status the check counts as unhealthy.
    case httpFailure(status: Int)
    /// The connection could not be opened, or broke before an answer.
    case tcpFailure
    /// No answer within the time allowed.
    case timeout

    /// How the observation is named in counters and transition reasons.
    var counterName: String {
        switch self {
        case .success: "successes"
        case .httpFailure: "HTTP failures"
        case .tcpFailure: "TCP failures"
        case .timeout: "timeouts"
        }
    }

    /// How one observation of this kind is named when it fails a half-open trial.
    var trialFailureName: String {
        switch self {
        case .success: "a success"
        case .httpFailure: "an HTTP failure"
        case .tcpFailure: "a TCP failure"
        case .timeout: "a timeout"
        }
    }
}
