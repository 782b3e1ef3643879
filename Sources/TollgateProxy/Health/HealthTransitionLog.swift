import Logging
import NIOCore
import TollgateCore

/// Writes one line per health transition: upstream, target, old → new state, and why.
struct HealthTransitionLog: Sendable {
    let logger: Logger

    /// Logs `change` of the target `label`; `checksEnabled` names the state of a target without a verdict.
    func record(_ change: HealthChange, of label: TargetLabel, checksEnabled: Bool) {
        let metadata: Logger.Metadata = ["upstream": "\(label.upstream)", "target": "\(label.target)"]
        switch change {
        case .transition(let from, let to, let reason):
            let old = Self.stateName(from, checksEnabled: checksEnabled)
            let new = Self.stateName(to, checksEnabled: checksEnabled)
            logger.log(
                level: to?.healthy == false ? .warning : .notice,
                "upstream '\(label.upstream)' target \(label.target): \(old) → \(new) (\(reason))",
                metadata: metadata.merging(["from": "\(old)", "to": "\(new)", "reason": "\(reason)"]) { $1 })
        case .trialFailed(let reason, let next):
            let seconds = Double(next.nanoseconds) / 1e9
            logger.info(
                "upstream '\(label.upstream)' target \(label.target) stays UNHEALTHY (\(reason)); next trial in \(seconds) s",
                metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
        }
    }

    private static func stateName(_ verdict: HealthVerdict?, checksEnabled: Bool) -> String {
        let state: TargetHealth.State =
            switch verdict?.healthy {
            case true?: .healthy
            case false?: .unhealthy
            case nil: checksEnabled ? .healthy : .healthchecksOff
            }
        return state.rawValue
    }
}
