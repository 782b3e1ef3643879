import Foundation

/// One target as a balancer sees it: stable id, canonical address, weight.
public struct BalancerTarget: Sendable, Hashable {
    /// The target's entity id: the key of its state in ``BalancerStateRegistry``.
    public var id: UUID
    /// Canonical `host:port`; orders the hash ring the same way on every node.
    public var address: String
    /// Relative share of traffic (0...65535); a target of weight 0 is never picked.
    public var weight: Int

    /// - Parameters:
    ///   - id: The target's entity id.
    ///   - address: Canonical `host:port` (`[v6]:port` for IPv6).
    ///   - weight: Relative share of traffic; 0 takes the target out of rotation.
    public init(id: UUID, address: String, weight: Int) {
        self.id = id
        self.address = address
        self.weight = weight
    }
}
