import SQLKit

/// One condition of a `WHERE` clause on the selected table (aliased `t`).
struct Filter {
    let condition: SQLQueryString

    /// `column = value`, or `column IS NULL` for ``ColumnValue/null``.
    static func equals(_ column: String, _ value: ColumnValue) -> Filter {
        switch value {
        case .null: Filter(condition: "t.\(ident: column) IS NULL")
        default: Filter(condition: "t.\(ident: column) = \(value.expression)")
        }
    }

    /// `column = value`.
    static func equals(_ column: String, _ value: String) -> Filter {
        equals(column, .text(value))
    }

    /// `column IN (values…)`; matches nothing when `values` is empty.
    static func oneOf(_ column: String, _ values: [String]) -> Filter {
        guard !values.isEmpty else { return Filter(condition: "1 = 0") }
        return Filter(condition: "t.\(ident: column) IN (\(binds: values))")
    }
}
