/// Failures of the configuration store itself (not of a client's request).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store was closed; reopen it to continue.
    case closed
    /// A stored row cannot be read back; the database was changed outside Tollgate or is damaged.
    case unreadableRow(table: String, id: String, reason: String)
    /// The database's schema is newer than this build of Tollgate knows.
    case schemaTooNew(found: Int, known: Int)
    /// The database cannot run with the settings Tollgate needs.
    case unsupportedDatabase(String)

    public var description: String {
        switch self {
        case .closed:
            "the configuration store is closed"
        case .unreadableRow(let table, let id, let reason):
            "row \(id) of table \(table) cannot be read (\(reason)); restore the database from a backup"
        case .schemaTooNew(let found, let known):
            "the database schema is at version \(found) but this Tollgate knows only up to \(known); run a newer Tollgate"
        case .unsupportedDatabase(let reason):
            reason
        }
    }
}
