import Foundation
import Synchronization

/// The round-robin position of one upstream, shared by its balancers on every event loop.
///
/// One mutex per upstream guards the ``RotationTable``; no lock is shared
/// between upstreams. A whole pick over 10 targets takes about 35 ns
/// (`Benchmarks/BalancerBenchmarks`), so even at a hundred thousand picks per
/// second per core an upstream's lock is busy well under 1 % of the time. Only
/// the synthetic worst case, two threads doing nothing but picking from one
/// upstream, makes contention visible (about 2–3× the time per pick against
/// one upstream each). The alternative, one table per event loop, would make
/// each loop's sequence exact but not the sum over loops; one shared sequence
/// keeps the upstream's ratios exact whichever loop serves a request.
final class RoundRobinState: Sendable {
    private let table = Mutex(RotationTable())

    /// The slot of each target (see ``RotationTable/slots(for:)``).
    func slots(for targets: [UUID]) -> [Int] {
        table.withLock { $0.slots(for: targets) }
    }

    /// Frees the slots of targets not in `live`.
    func retain(_ live: Set<UUID>) {
        table.withLock { $0.retain(live) }
    }

    /// The next pick (see ``RotationTable/next(slots:weights:usable:)``).
    func next(slots: [Int], weights: [Int], usable: UnsafeBufferPointer<Bool>) -> Int? {
        table.withLock { $0.next(slots: slots, weights: weights, usable: usable) }
    }
}
