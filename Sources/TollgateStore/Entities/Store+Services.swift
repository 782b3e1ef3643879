import Foundation
import TollgateCore

extension StoreReading {
    /// The service named `name`, if any.
    public func service(named name: String) async throws -> Entity<ServiceSpec>? {
        try await session.selectOne(StoreTables.services, where: [.equals("name", name)])?.entity
    }

    /// A page of services, ordered by name.
    public func services(_ request: PageRequest) async throws -> StoredPage<Entity<ServiceSpec>> {
        try await session.page(StoreTables.services, request) { $0.entity }
    }

    /// The names of the services whose `host` is `host` (hosts are stored lowercase), sorted.
    public func serviceNames(usingHost host: String) async throws -> [String] {
        try await session.names("name", of: StoreTables.services.name, where: .equals("host", host.lowercased()))
    }
}

extension StoreTransaction {
    /// Stores a new service.
    public func insertService(_ spec: ServiceSpec) async throws -> Entity<ServiceSpec> {
        try await insert(StoreTables.services, spec)
    }

    /// Replaces a service's spec, keeping its id and creation time.
    public func replaceService(_ current: EntityMetadata, with spec: ServiceSpec) async throws -> Entity<ServiceSpec> {
        try await replace(StoreTables.services, current, with: spec)
    }

    /// Deletes a service with its routes, canary, its routes' mirrors, the plugins
    /// scoped to it or its routes, and the tenant limits scoped to it.
    public func deleteService(id: UUID) async throws {
        try await delete(StoreTables.services, id: id)
    }
}
