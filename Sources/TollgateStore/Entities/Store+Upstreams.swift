import Foundation
import TollgateCore

extension StoreReading {
    /// The upstream named `name`, if any.
    public func upstream(named name: String) async throws -> Entity<UpstreamSpec>? {
        try await session.selectOne(StoreTables.upstreams, where: [.equals("name", name)])?.entity
    }

    /// A page of upstreams, ordered by name.
    public func upstreams(_ request: PageRequest) async throws -> StoredPage<Entity<UpstreamSpec>> {
        try await session.page(StoreTables.upstreams, request) { $0.entity }
    }
}

extension StoreTransaction {
    /// Stores a new upstream (without targets).
    public func insertUpstream(_ spec: UpstreamSpec) async throws -> Entity<UpstreamSpec> {
        try await insert(StoreTables.upstreams, spec)
    }

    /// Replaces an upstream's spec; its targets are kept.
    public func replaceUpstream(_ current: EntityMetadata, with spec: UpstreamSpec) async throws -> Entity<UpstreamSpec> {
        try await replace(StoreTables.upstreams, current, with: spec)
    }

    /// Deletes an upstream with its targets.
    public func deleteUpstream(id: UUID) async throws {
        try await delete(StoreTables.upstreams, id: id)
    }
}
