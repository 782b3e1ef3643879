import Foundation
import Synchronization

/// The balancer state that outlives configuration snapshots: each upstream's
/// round-robin position and each target's count of requests in flight.
///
/// State is keyed by entity ids, so a balancer built for a new snapshot continues
/// where the previous one left off: the round-robin sequence goes on, and
/// least-connections sees the requests still running on the old snapshot. The
/// registry's locks are taken only while a balancer is built; picks use the
/// state objects the balancer resolved then, and each upstream's round-robin
/// state has a lock of its own.
///
/// For every snapshot the compiler calls ``retain(targets:)`` with the live
/// targets, so the state of removed upstreams and targets does not accumulate.
/// Safe to use from any thread.
public final class BalancerStateRegistry: Sendable {
    private let rotations = Mutex<[UUID: RoundRobinState]>([:])
    private let counters = Mutex<[TargetKey: ActiveRequestCounter]>([:])

    public init() {}

    /// The requests in flight to a target, over every snapshot.
    public func activeRequests(for key: TargetKey) -> Int {
        counters.withLock { $0[key] }?.value ?? 0
    }

    /// Forgets the state of every target not in `live`, and of every upstream
    /// with no target in it.
    ///
    /// Call it once per compiled snapshot, before or after its balancers are
    /// built, from the code that compiles snapshots (one at a time): a balancer
    /// built later for a target that was forgotten starts it afresh. Requests
    /// in flight keep their counters, which are simply no longer shared.
    public func retain(targets live: Set<TargetKey>) {
        let liveTargets = Dictionary(grouping: live, by: \.upstream).mapValues { Set($0.map(\.target)) }
        counters.withLock { counters in
            counters = counters.filter { live.contains($0.key) }
        }
        let kept = rotations.withLock { rotations in
            rotations = rotations.filter { liveTargets[$0.key] != nil }
            return rotations
        }
        for (upstream, state) in kept {
            state.retain(liveTargets[upstream] ?? [])
        }
    }

    /// The round-robin state of an upstream, created on first use.
    func rotation(for upstream: UUID) -> RoundRobinState {
        rotations.withLock { rotations in
            if let state = rotations[upstream] { return state }
            let state = RoundRobinState()
            rotations[upstream] = state
            return state
        }
    }

    /// The in-flight counter of each target, created on first use.
    func counters(upstream: UUID, targets: [BalancerTarget]) -> [ActiveRequestCounter] {
        counters.withLock { counters in
            targets.map { target in
                let key = TargetKey(upstream: upstream, target: target.id)
                if let counter = counters[key] { return counter }
                let counter = ActiveRequestCounter()
                counters[key] = counter
                return counter
            }
        }
    }

    /// How many upstreams and targets have state (for tests of ``retain(targets:)``).
    var trackedCounts: (upstreams: Int, targets: Int) {
        (rotations.withLock { $0.count }, counters.withLock { $0.count })
    }
}
