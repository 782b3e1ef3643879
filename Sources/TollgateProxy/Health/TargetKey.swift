import Foundation

/// Identifies one target of one upstream in runtime registries, by stable entity ids.
///
/// Ids survive configuration changes, so state keyed by them (health, connection
/// counts) is kept when a new snapshot is compiled; a target that is removed and
/// added again gets a new id and starts fresh.
public struct TargetKey: Sendable, Hashable {
    public var upstream: UUID
    public var target: UUID

    /// - Parameters:
    ///   - upstream: The id of the upstream the target belongs to.
    ///   - target: The id of the target.
    public init(upstream: UUID, target: UUID) {
        self.upstream = upstream
        self.target = target
    }
}
