import Foundation
import TollgateCore

/// A health state set by hand through the management API.
struct ManualHealthMark: Sendable, Hashable {
    var healthy: Bool
    /// When the target entered this state.
    var since: Date

    /// The health the API reports for the mark.
    var health: TargetHealth {
        TargetHealth(state: healthy ? .healthy : .unhealthy, source: .manual, since: since)
    }
}
