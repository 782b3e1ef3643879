import Synchronization
import TollgateCore

/// The live counters of one canary, incremented by its stage on the event loops.
final class CanaryStatCells: Sendable {
    /// Requests kept on the stable side because the canary had no usable target.
    let fallbacks = Atomic<Int>(0)

    /// The counters as the management API shows them.
    var counters: CanaryCounters {
        CanaryCounters(fallbacks: fallbacks.load(ordering: .relaxed))
    }
}
