import NIOCore

/// A target the active checker probes, and where it is in its cycle.
///
/// Loop-bound: used only on the checker's event loop.
final class ProbedTarget {
    enum Phase: Equatable {
        /// Its next probe (or look at its state) is due at this tick of the ``ProbeTimeline``.
        case scheduled(tick: UInt64)
        /// Due, waiting for one of the upstream's `concurrency` slots.
        case waiting
        /// A probe is in flight.
        case probing
        /// Removed: nothing more happens to it.
        case stopped
    }

    private(set) var target: ProbePlan.Target
    /// The upstream whose checks probe it.
    private(set) weak var upstream: ProbedUpstream?
    var phase: Phase = .waiting
    /// When its current step was planned for (its probe may start a little later):
    /// the next one is planned an interval after it, so the cadence does not drift.
    var planned = NIODeadline.now()
    /// The kept-alive connection of `http`/`https` probes.
    var connection: ProbeConnection?

    init(_ target: ProbePlan.Target, upstream: ProbedUpstream) {
        self.target = target
        self.upstream = upstream
    }

    var isStopped: Bool { phase == .stopped }

    /// Takes the newest plan's copy of the target (same key and address; a new request when the path changed).
    func update(_ target: ProbePlan.Target) {
        self.target = target
    }

    /// Closes the kept connection, if any.
    func dropConnection() {
        connection?.close()
        connection = nil
    }

    /// Stops for good: a scheduled step is skipped when its tick comes, the kept connection is closed.
    func stop() {
        phase = .stopped
        dropConnection()
    }
}
