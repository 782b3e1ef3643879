import Logging
import SQLKit
import TollgateCore

/// The configuration store: entities in SQL tables, one transaction per admin
/// write, a monotonic configuration version and an in-process change feed.
///
/// Writes go through a single writing connection one at a time, so concurrent
/// admin requests queue instead of failing on a busy database, and the writes that
/// queue up are committed together. Reads use their own connection and see the
/// last committed configuration.
public final class ConfigStore: Sendable {
    private let writer: StoreConnection
    private let committer: GroupCommitter
    private let reader: StoreConnection
    private let dialect: StoreDialect
    private let feed = ChangeFeed()
    private let specs = SpecCache()
    private let logger: Logger

    init(writer: StoreConnection, reader: StoreConnection, dialect: StoreDialect, logger: Logger) {
        self.writer = writer
        self.committer = GroupCommitter(connection: writer, begin: dialect.beginWrite)
        self.reader = reader
        self.dialect = dialect
        self.logger = logger
    }

    /// Brings the schema up to date (idempotent).
    func migrate() async throws {
        try await Migrator(migrations: Migration.all, logger: logger).migrate(writer, begin: dialect.beginWrite)
    }

    /// Runs `body` in a read transaction: everything it reads is one consistent configuration.
    public func read<Result: Sendable>(_ body: (StoreSession) async throws -> Result) async throws -> Result {
        try await reader.transaction(begin: dialect.beginRead) { database in
            try await body(StoreSession(database: database, specs: specs))
        }
    }

    /// Runs `body` as one admin write: in a transaction that bumps the configuration
    /// version by one. When `body` throws, nothing it did is kept (the version included)
    /// and the error is rethrown; when it returns, the write is committed (durably)
    /// and subscribers of ``changes()`` hear the new version.
    ///
    /// Writes run one at a time; writes that arrive while one runs are committed
    /// together (see ``GroupCommitter``), each still atomic on its own.
    public func write<Result: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> Result) async throws
        -> Result
    {
        let specs = specs
        let (result, version) = try await committer.write { database in
            let version = try await database.raw(
                "UPDATE config_state SET config_version = config_version + 1 WHERE id = 1 RETURNING config_version"
            ).first()?.decode(column: "config_version", as: Int.self)
            guard let version else { throw StoreError.unreadableRow(table: "config_state", id: "1", reason: "the row is missing") }
            let transaction = StoreTransaction(
                session: StoreSession(database: database, specs: specs), version: version, now: Timestamp.now())
            return (try await body(transaction), version)
        }
        feed.publish(version)
        return result
    }

    /// The configuration version of the last committed write (0 before the first).
    public func version() async throws -> Int {
        try await read { try await $0.configVersion() }
    }

    /// The whole current configuration, read in one transaction.
    public func configuration() async throws -> GatewayConfig {
        try await read { try await $0.configuration() }
    }

    /// The versions committed from now on, in increasing order; a subscriber that
    /// falls behind gets the newest version it missed. The stream ends when the store closes.
    public func changes() -> AsyncStream<Int> {
        feed.subscribe()
    }

    /// Waits for the work in progress, closes the connections and ends the change feed.
    public func close() async {
        feed.finish()
        for connection in [writer, reader] {
            do {
                try await connection.close()
            } catch {
                logger.warning("Closing the configuration store failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
