/// The few statements that differ between the databases the store runs on.
struct StoreDialect: Sendable {
    /// Opens a write transaction.
    let beginWrite: String
    /// Opens a read transaction (a consistent snapshot for several queries).
    let beginRead: String

    /// SQLite: take the write lock at the start, so a write never fails half-way on a busy database.
    static let sqlite = StoreDialect(beginWrite: "BEGIN IMMEDIATE", beginRead: "BEGIN")
}
