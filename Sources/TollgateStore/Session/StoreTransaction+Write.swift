import Foundation
import SQLKit
import TollgateCore

extension StoreTransaction {
    /// Inserts a new entity with a fresh id; it takes the next insertion-order `seq`.
    /// - Parameters:
    ///   - references: Columns not derived from the spec (owner and scope ids, keys).
    func insert<Spec>(_ table: EntityTable<Spec>, _ spec: Spec, references: [String: ColumnValue] = [:]) async throws
        -> Entity<Spec>
    {
        let metadata = EntityMetadata(id: UUID(), createdAt: now, updatedAt: now, etag: etag)
        let values = columns(table, metadata.id, spec, references).merging([
            "id": .text(metadata.id.storeText), "created_at": .integer(Int(now.timeIntervalSince1970)),
        ]) { _, fixed in fixed }
        let names = values.keys.sorted()
        let placeholders = names.map { SQLQueryString("\(values[$0, default: .null].expression)") }
        try await session.database.raw(
            """
            INSERT INTO \(ident: table.name) (\(idents: names, joinedBy: ", "), seq)
            VALUES (\(placeholders.joined(separator: ", ")), (SELECT COALESCE(MAX(seq), 0) + 1 FROM \(ident: table.name)))
            """
        ).run()
        return Entity(metadata: metadata, spec: spec)
    }

    /// Replaces an entity's spec, keeping its id, `created_at` and `seq`.
    /// - Parameters:
    ///   - current: The stored entity's metadata.
    ///   - references: Columns not derived from the spec to rewrite as well.
    func replace<Spec>(
        _ table: EntityTable<Spec>, _ current: EntityMetadata, with spec: Spec, references: [String: ColumnValue] = [:]
    ) async throws -> Entity<Spec> {
        let values = columns(table, current.id, spec, references)
        let assignments = values.keys.sorted().map { name in
            SQLQueryString("\(ident: name) = \(values[name, default: .null].expression)")
        }
        try await session.database.raw(
            "UPDATE \(ident: table.name) SET \(assignments.joined(separator: ", ")) WHERE id = \(bind: current.id.storeText)"
        ).run()
        let metadata = EntityMetadata(id: current.id, createdAt: current.createdAt, updatedAt: now, etag: etag)
        return Entity(metadata: metadata, spec: spec)
    }

    /// Deletes an entity; the database's cascades delete what it owns.
    func delete<Spec>(_ table: EntityTable<Spec>, id: UUID) async throws {
        try await session.database.raw("DELETE FROM \(ident: table.name) WHERE id = \(bind: id.storeText)").run()
    }

    /// The columns every write sets: spec-derived ones, references, body, `updated_at`, `etag`.
    /// The body is remembered as decoding to `spec`, so reading the row back parses nothing.
    private func columns<Spec>(
        _ table: EntityTable<Spec>, _ id: UUID, _ spec: Spec, _ references: [String: ColumnValue]
    ) -> [String: ColumnValue] {
        let body = JSONCoding.string(spec.json)
        session.specs.store(spec, table: table.name, id: id.storeText, body: body)
        return table.specColumns(spec).merging(references) { _, reference in reference }.merging([
            "body": .text(body), "updated_at": .integer(Int(now.timeIntervalSince1970)), "etag": .text(etag),
        ]) { _, fixed in fixed }
    }
}
