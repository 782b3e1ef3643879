import Foundation
import SQLKit
import TollgateCore

/// A row read from an entity table: the entity, and access to the joined and extra columns.
struct SelectedRow<Spec: EntitySpec> {
    let entity: Entity<Spec>
    let row: any SQLRow
    let table: String

    /// The owning entity (for tables with an owner).
    func owner() throws -> GatewayConfig.Owner {
        let id = try row.decode(column: "owner_id", as: String.self)
        guard let uuid = UUID(uuidString: id) else {
            throw StoreError.unreadableRow(table: table, id: entity.metadata.id.storeText, reason: "owner id \(id) is not a UUID")
        }
        return GatewayConfig.Owner(id: uuid, name: try row.decode(column: "owner_name", as: String.self))
    }

    /// The entity with its owner.
    func owned() throws -> GatewayConfig.Owned<Spec> {
        GatewayConfig.Owned(entity: entity, owner: try owner())
    }

    /// A text column of the row.
    func text(_ column: String) throws -> String {
        try row.decode(column: column, as: String.self)
    }

    /// The value the list is ordered by, as a cursor carries it.
    func sortKey(_ order: SortColumn) throws -> String {
        switch order {
        case .text: try row.decode(column: "sort_key", as: String.self)
        case .integer: String(try row.decode(column: "sort_key", as: Int.self))
        }
    }

    /// Reads the entity part of a row: metadata columns and the spec's JSON (decoded
    /// once per body, then taken from `specs`).
    static func decode(_ row: any SQLRow, table: String, specs: SpecCache) throws -> SelectedRow {
        let id = try row.decode(column: "id", as: String.self)
        func unreadable(_ reason: String) -> StoreError {
            StoreError.unreadableRow(table: table, id: id, reason: reason)
        }
        guard let uuid = UUID(uuidString: id) else { throw unreadable("the id is not a UUID") }
        let body = try row.decode(column: "body", as: String.self)
        let spec: Spec
        if let cached: Spec = specs.spec(table: table, id: id, body: body) {
            spec = cached
        } else {
            do {
                spec = try Spec.parse(JSONCoding.parse(Array(body.utf8)))
            } catch {
                throw unreadable("its body is not a valid entity: \(error.summary)")
            }
            specs.store(spec, table: table, id: id, body: body)
        }
        let metadata = EntityMetadata(
            id: uuid,
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int.self))),
            etag: try row.decode(column: "etag", as: String.self))
        return SelectedRow(entity: Entity(metadata: metadata, spec: spec), row: row, table: table)
    }
}

extension GatewayError {
    /// A one-line account of the error, for logs and store errors.
    var summary: String {
        switch self {
        case .invalid(let errors): errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .notFound(let message), .conflict(let message), .preconditionFailed(let message),
            .notImplemented(let message), .backend(let message):
            message
        }
    }
}

extension UUID {
    /// The id as stored: lowercase text.
    var storeText: String { uuidString.lowercased() }
}
