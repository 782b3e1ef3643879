import Foundation
import TollgateCore

extension StoreReading {
    /// The mirror of a route, if it has one.
    public func mirror(ofRoute route: UUID) async throws -> Entity<MirrorSpec>? {
        try await session.selectOne(StoreTables.mirrors, where: [.equals("route_id", route.storeText)])?.entity
    }

    /// The names of the routes whose mirror copies traffic to the upstream `name`, sorted.
    public func routeNames(withMirrorOn name: String) async throws -> [String] {
        try await session.select(StoreTables.mirrors, where: [.equals("upstream", name)]).map { try $0.owner().name }.sorted()
    }
}

extension StoreTransaction {
    /// Stores the mirror of a route.
    public func insertMirror(_ spec: MirrorSpec, route: UUID) async throws -> Entity<MirrorSpec> {
        try await insert(StoreTables.mirrors, spec, references: ["route_id": .text(route.storeText)])
    }

    /// Replaces a mirror's spec.
    public func replaceMirror(_ current: EntityMetadata, with spec: MirrorSpec) async throws -> Entity<MirrorSpec> {
        try await replace(StoreTables.mirrors, current, with: spec)
    }

    /// Deletes a mirror.
    public func deleteMirror(id: UUID) async throws {
        try await delete(StoreTables.mirrors, id: id)
    }
}
