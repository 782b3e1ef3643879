import Synchronization
import TollgateCore

/// The live counters of one mirror, incremented by its stage and its dispatcher.
final class MirrorStatCells: Sendable {
    /// Copies the mirror answered.
    let sent = Atomic<Int>(0)
    /// Copies that got no answer in time.
    let failed = Atomic<Int>(0)
    /// Copies not sent: queue full, or queued past half their timeout.
    let dropped = Atomic<Int>(0)
    /// Sampled requests whose body was too large to mirror.
    let skipped = Atomic<Int>(0)

    /// The counters as the management API shows them.
    var counters: MirrorCounters {
        MirrorCounters(
            sent: sent.load(ordering: .relaxed), failed: failed.load(ordering: .relaxed),
            dropped: dropped.load(ordering: .relaxed), skipped: skipped.load(ordering: .relaxed))
    }
}
