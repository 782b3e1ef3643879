import Foundation
import TollgateCore

/// A decided health state of a target: what decided it and since when.
struct HealthVerdict: Sendable, Hashable {
    var healthy: Bool
    var source: TargetHealth.Source
    var since: Date

    var health: TargetHealth {
        TargetHealth(state: healthy ? .healthy : .unhealthy, source: source, since: since)
    }
}
