import SQLKit
import Synchronization

/// One database connection used by one task at a time.
///
/// A connection's transaction state is shared by everything sent on it, so each
/// use takes the connection exclusively for the whole unit of work.
final class StoreConnection: Sendable {
    private let database: any SQLDatabase
    private let lock = SerialLock()
    private let isClosed = Mutex(false)
    private let closeConnection: @Sendable () async throws -> Void

    /// - Parameters:
    ///   - database: The connection, seen through SQLKit.
    ///   - close: Closes the underlying connection.
    init(database: any SQLDatabase, close: @escaping @Sendable () async throws -> Void) {
        self.database = database
        self.closeConnection = close
    }

    /// Runs `body` with the connection to itself.
    func exclusive<Result>(_ body: (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await lock.withLock {
            guard !isClosed.withLock({ $0 }) else { throw StoreError.closed }
            return try await body(database)
        }
    }

    /// Runs `body` inside a transaction opened with `begin`; commits when it returns
    /// and rolls back when it (or the commit) throws.
    func transaction<Result>(begin: String, _ body: (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await exclusive { database in
            try await database.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Closes the connection once the work in progress is done; later uses throw ``StoreError/closed``.
    func close() async throws {
        try await lock.withLock {
            let wasClosed = isClosed.withLock { closed in
                defer { closed = true }
                return closed
            }
            if !wasClosed { try await closeConnection() }
        }
    }
}
