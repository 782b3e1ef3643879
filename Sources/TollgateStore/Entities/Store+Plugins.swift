import Foundation
import TollgateCore

extension StoreReading {
    /// The plugin with `id`, if any.
    public func plugin(id: UUID) async throws -> Entity<PluginSpec>? {
        try await session.selectOne(StoreTables.plugins, where: [.equals("id", id.storeText)])?.entity
    }

    /// The plugin named `name` in a scope (both nil: global), if any.
    public func plugin(named name: String, service: UUID?, route: UUID?) async throws -> Entity<PluginSpec>? {
        try await session.selectOne(
            StoreTables.plugins,
            where: [
                .equals("name", name), .equals("service_id", ColumnValue(service?.storeText)),
                .equals("route_id", ColumnValue(route?.storeText)),
            ])?.entity
    }

    /// A page of plugins, in creation order.
    public func plugins(_ request: PageRequest) async throws -> StoredPage<Entity<PluginSpec>> {
        try await session.page(StoreTables.plugins, request) { $0.entity }
    }
}

extension StoreTransaction {
    /// Stores a new plugin in a scope (both nil: global).
    public func insertPlugin(_ spec: PluginSpec, service: UUID?, route: UUID?) async throws -> Entity<PluginSpec> {
        try await insert(
            StoreTables.plugins, spec,
            references: ["service_id": ColumnValue(service?.storeText), "route_id": ColumnValue(route?.storeText)])
    }

    /// Replaces a plugin's spec; its scope does not change.
    public func replacePlugin(_ current: EntityMetadata, with spec: PluginSpec) async throws -> Entity<PluginSpec> {
        try await replace(StoreTables.plugins, current, with: spec)
    }

    /// Deletes a plugin.
    public func deletePlugin(id: UUID) async throws {
        try await delete(StoreTables.plugins, id: id)
    }
}
