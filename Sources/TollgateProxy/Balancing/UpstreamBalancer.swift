import Foundation
import Synchronization
import TollgateCore

/// Picks a target of one upstream for each request, with the upstream's algorithm.
///
/// Built once per configuration snapshot, then immutable and shared by every
/// event loop. What must outlive the snapshot (the round-robin position, the
/// requests in flight) lives in the ``BalancerStateRegistry`` it was built with,
/// resolved at build time so that a pick takes no registry lock and allocates
/// nothing.
///
/// - `round-robin`: smooth weighted round-robin over one sequence per upstream
///   (see ``RotationTable``).
/// - `consistent-hashing`: the target of the key on a ``HashRing``; a request
///   without a key falls back to round-robin rather than to one target.
/// - `least-connections`: the usable target with the smallest
///   (active + 1) / weight, counting requests across event loops and snapshots.
///
/// A pick is an index into ``targets``; targets of weight 0 are never picked.
public final class UpstreamBalancer: Sendable {
    /// The upstream's id.
    public let upstream: UUID
    /// How targets are picked.
    public let algorithm: UpstreamSpec.Algorithm
    /// The targets, in the order given; picks are indices into it.
    public let targets: [BalancerTarget]

    let weights: [Int]
    let rotation: RoundRobinState
    let rotationSlots: [Int]
    let counters: [ActiveRequestCounter]
    let ring: HashRing?
    /// Where least-connections starts looking, so that ties take turns.
    let tieBreaker = Atomic<UInt>(0)

    /// Builds the balancer of an upstream for one snapshot.
    ///
    /// - Parameters:
    ///   - upstream: The upstream's id, the key of its state in `registry`.
    ///   - algorithm: How targets are picked.
    ///   - targets: The upstream's targets; their addresses are unique.
    ///   - registry: Where state that outlives the snapshot is kept.
    public init(
        upstream: UUID, algorithm: UpstreamSpec.Algorithm, targets: [BalancerTarget], registry: BalancerStateRegistry
    ) {
        self.upstream = upstream
        self.algorithm = algorithm
        self.targets = targets
        weights = targets.map(\.weight)
        rotation = registry.rotation(for: upstream)
        rotationSlots = rotation.slots(for: targets.map(\.id))
        counters = registry.counters(upstream: upstream, targets: targets)
        ring = algorithm == .consistentHashing ? HashRing(targets: targets) : nil
    }

    /// Picks a target for one request.
    ///
    /// - Parameters:
    ///   - hashKey: The request's hash input for consistent hashing; ignored by
    ///     the other algorithms. Nil (no input) falls back to round-robin.
    ///   - isUsable: Whether a target (by index) may take the request: false for
    ///     unhealthy targets and targets a retry already tried. Called without
    ///     any balancer lock held, at most once per target.
    /// - Returns: The index of the target in ``targets``, or nil when no target
    ///   of weight above 0 is usable.
    public func pick(hashKey: HashKey?, isUsable: (Int) -> Bool) -> Int? {
        switch algorithm {
        case .roundRobin:
            pickRoundRobin(isUsable)
        case .consistentHashing:
            if let hashKey, let ring { ring.target(for: hashKey, isUsable: isUsable) } else { pickRoundRobin(isUsable) }
        case .leastConnections:
            pickLeastConnections(isUsable)
        }
    }

    /// Picks a target when every target is usable.
    public func pick(hashKey: HashKey? = nil) -> Int? {
        pick(hashKey: hashKey) { _ in true }
    }

    /// Counts a request sent to the target at `index` until the token is released.
    public func acquire(_ index: Int) -> ActiveRequestToken {
        counters[index].acquire()
    }

    /// The requests in flight to the target at `index`, over every snapshot.
    public func activeRequests(_ index: Int) -> Int {
        counters[index].value
    }
}
