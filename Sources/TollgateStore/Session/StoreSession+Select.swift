import SQLKit
import TollgateCore

extension StoreSession {
    /// Reads the rows of `table` matching every filter, ordered by the table's order
    /// (or `order`), with the owner joined when the table has one.
    /// - Parameters:
    ///   - columns: Further columns of the table to read (see ``SelectedRow/text(_:)``).
    func select<Spec>(
        _ table: EntityTable<Spec>, where filters: [Filter] = [], orderedBy order: SortColumn? = nil,
        limit: Int? = nil, columns: [String] = []
    ) async throws -> [SelectedRow<Spec>] {
        let order = order ?? table.order
        var selected: [SQLQueryString] = [
            "t.id", "t.body", "t.created_at", "t.updated_at", "t.etag", "t.\(ident: order.column) AS sort_key",
        ]
        selected += columns.map { "t.\(ident: $0)" }
        var source: SQLQueryString = "\(ident: table.name) AS t"
        if let owner = table.owner {
            selected += ["o.id AS owner_id", "o.name AS owner_name"]
            source = "\(source) JOIN \(ident: owner.table) AS o ON o.id = t.\(ident: owner.column)"
        }
        var query: SQLQueryString = "SELECT \(selected.joined(separator: ", ")) FROM \(source)"
        if !filters.isEmpty {
            query = "\(query) WHERE \(filters.map(\.condition).joined(separator: " AND "))"
        }
        query = "\(query) ORDER BY t.\(ident: order.column)"
        if let limit { query = "\(query) LIMIT \(literal: limit)" }
        return try await database.raw(query).all().map { try SelectedRow.decode($0, table: table.name, specs: specs) }
    }

    /// The first row matching every filter, if any.
    func selectOne<Spec>(_ table: EntityTable<Spec>, where filters: [Filter], columns: [String] = []) async throws
        -> SelectedRow<Spec>?
    {
        try await select(table, where: filters, limit: 1, columns: columns).first
    }

    /// One page of the rows matching every filter, in the table's order.
    func page<Spec, Item>(
        _ table: EntityTable<Spec>, where filters: [Filter] = [], _ request: PageRequest, columns: [String] = [],
        _ transform: (SelectedRow<Spec>) throws -> Item
    ) async throws -> StoredPage<Item> {
        var filters = filters
        if let cursor = request.cursor { filters.append(try PageCursor.filter(after: cursor, on: table.order)) }
        let size = max(1, request.size)
        let rows = try await select(table, where: filters, limit: size + 1, columns: columns)
        let next = rows.count > size ? PageCursor.encode(try rows[size - 1].sortKey(table.order)) : nil
        return StoredPage(items: try rows.prefix(size).map(transform), nextCursor: next)
    }

    /// The names in `column` of the rows of `tableName` matching a filter, sorted.
    func names(_ column: String, of tableName: String, where filter: Filter) async throws -> [String] {
        try await database.raw(
            "SELECT t.\(ident: column) AS value FROM \(ident: tableName) AS t WHERE \(filter.condition) ORDER BY t.\(ident: column)"
        ).all().map { try $0.decode(column: "value", as: String.self) }
    }
}
