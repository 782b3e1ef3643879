import Foundation
import SQLKit
import TollgateCore

extension StoreReading {
    /// The route named `name` with its service, if any.
    public func route(named name: String) async throws -> GatewayConfig.Owned<RouteSpec>? {
        try await session.selectOne(StoreTables.routes, where: [.equals("name", name)])?.owned()
    }

    /// A page of routes with their services, ordered by name.
    public func routes(_ request: PageRequest) async throws -> StoredPage<GatewayConfig.Owned<RouteSpec>> {
        try await session.page(StoreTables.routes, request) { try $0.owned() }
    }

    /// The sorted route names of each of the given services (services without routes are absent).
    public func routeNames(ofServices services: [UUID]) async throws -> [UUID: [String]] {
        let rows = try await session.database.raw(
            """
            SELECT t.service_id AS service_id, t.name AS name FROM routes AS t
            WHERE \(Filter.oneOf("service_id", services.map(\.storeText)).condition) ORDER BY t.name
            """
        ).all()
        var names: [UUID: [String]] = [:]
        for row in rows {
            let service = try row.decode(column: "service_id", as: String.self)
            guard let id = UUID(uuidString: service) else {
                throw StoreError.unreadableRow(table: "routes", id: service, reason: "its service id is not a UUID")
            }
            names[id, default: []].append(try row.decode(column: "name", as: String.self))
        }
        return names
    }
}

extension StoreTransaction {
    /// Stores a new route of `service`.
    public func insertRoute(_ spec: RouteSpec, service: UUID) async throws -> Entity<RouteSpec> {
        try await insert(StoreTables.routes, spec, references: ["service_id": .text(service.storeText)])
    }

    /// Replaces a route's spec; it stays with its service.
    public func replaceRoute(_ current: EntityMetadata, with spec: RouteSpec) async throws -> Entity<RouteSpec> {
        try await replace(StoreTables.routes, current, with: spec)
    }

    /// Deletes a route with its mirror and the plugins scoped to it.
    public func deleteRoute(id: UUID) async throws {
        try await delete(StoreTables.routes, id: id)
    }
}
