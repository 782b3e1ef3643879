import SQLKit
import TollgateCore

/// How one kind of entity is stored: its table, its order, its owner and the
/// lookup columns derived from its spec.
struct EntityTable<Spec: EntitySpec>: Sendable {
    /// The SQL table.
    let name: String
    /// The column lists and pages are ordered by (unique within a list).
    let order: SortColumn
    /// The owning entity's table, joined to read the owner's id and name.
    let owner: Ownership?
    /// Columns whose values come from the spec (e.g. `name`, `host`), rewritten on every write.
    let specColumns: @Sendable (Spec) -> [String: ColumnValue]

    /// An owner reference: the foreign-key column and the table it points to.
    struct Ownership: Sendable {
        let column: String
        let table: String
    }
}

/// A column a list is ordered by, and how its values appear in cursors.
enum SortColumn: Sendable {
    case text(String)
    case integer(String)

    var column: String {
        switch self {
        case .text(let column), .integer(let column): column
        }
    }
}

/// A value written to a column other than the spec's JSON.
enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case null

    /// A text value, or NULL for nil.
    init(_ text: String?) {
        self = text.map(ColumnValue.text) ?? .null
    }

    var expression: any SQLExpression {
        switch self {
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .null: SQLLiteral.null
        }
    }
}
