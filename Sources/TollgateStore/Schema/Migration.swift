/// One step of the schema's history: numbered, applied once, in its own transaction.
///
/// Statements are portable SQL (SQLite and PostgreSQL): `TEXT`, `BIGINT` and
/// `BOOLEAN` columns, ids as TEXT UUIDs, standard constraints. Anything specific to
/// one database belongs to the code that opens it, not here.
struct Migration: Sendable {
    /// Position in the history; applied in increasing order.
    let number: Int
    /// What the step does, recorded beside its number.
    let name: String
    let statements: [String]

    /// Every migration, oldest first. Append new ones; never edit an applied one.
    static let all: [Migration] = [.initialSchema]
}
