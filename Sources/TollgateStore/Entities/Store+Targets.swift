import Foundation
import TollgateCore

extension StoreReading {
    /// The target of `upstream` at the canonical `address`, if any.
    public func target(upstream: UUID, address: String) async throws -> Entity<TargetSpec>? {
        try await session.selectOne(
            StoreTables.targets, where: [.equals("upstream_id", upstream.storeText), .equals("target", address)]
        )?.entity
    }

    /// Every target of the given upstreams, each list ordered by address (upstreams without targets are absent).
    public func targets(ofUpstreams upstreams: [UUID]) async throws -> [UUID: [Entity<TargetSpec>]] {
        let rows = try await session.select(StoreTables.targets, where: [.oneOf("upstream_id", upstreams.map(\.storeText))])
        var targets: [UUID: [Entity<TargetSpec>]] = [:]
        for row in rows {
            targets[try row.owner().id, default: []].append(row.entity)
        }
        return targets
    }

    /// A page of an upstream's targets, ordered by address.
    public func targets(ofUpstream upstream: UUID, _ request: PageRequest) async throws -> StoredPage<Entity<TargetSpec>> {
        try await session.page(StoreTables.targets, where: [.equals("upstream_id", upstream.storeText)], request) { $0.entity }
    }
}

extension StoreTransaction {
    /// Stores a new target of `upstream`.
    public func insertTarget(_ spec: TargetSpec, upstream: UUID) async throws -> Entity<TargetSpec> {
        try await insert(StoreTables.targets, spec, references: ["upstream_id": .text(upstream.storeText)])
    }

    /// Replaces a target's spec (same address), keeping its id.
    public func replaceTarget(_ current: EntityMetadata, with spec: TargetSpec) async throws -> Entity<TargetSpec> {
        try await replace(StoreTables.targets, current, with: spec)
    }

    /// Deletes a target.
    public func deleteTarget(id: UUID) async throws {
        try await delete(StoreTables.targets, id: id)
    }
}
