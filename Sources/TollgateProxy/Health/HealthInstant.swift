import Foundation
import NIOCore

/// A moment as health state records it: wall-clock time for `since`, monotonic
/// time for back-off deadlines. Taken only when state may change, never per request.
struct HealthInstant: Sendable, Hashable {
    var date: Date
    var uptime: NIODeadline

    static func now() -> HealthInstant {
        HealthInstant(date: Date(), uptime: .now())
    }
}
