import Foundation
import Logging
import SQLiteKit

extension ConfigStore {
    /// Opens (creating when needed) the SQLite database at `path` and brings its schema up to date.
    ///
    /// The database runs in WAL mode, with foreign keys enforced and a busy timeout.
    /// - Parameters:
    ///   - path: The database file; missing parent directories are created.
    ///   - durability: What an acknowledged write survives; by default even a machine crash (`synchronous=FULL`).
    ///   - logger: Where the store logs.
    public static func sqlite(path: String, durability: SQLiteDurability = .powerLoss, logger: Logger) async throws
        -> ConfigStore
    {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let writer = try await openSQLite(path: path, durability: durability, logger: logger)
        let reader: StoreConnection
        do {
            reader = try await openSQLite(path: path, durability: durability, logger: logger)
        } catch {
            try? await writer.close()
            throw error
        }
        let store = ConfigStore(writer: writer, reader: reader, dialect: .sqlite, logger: logger)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Opens one connection and applies the settings every Tollgate connection uses.
    private static func openSQLite(path: String, durability: SQLiteDurability, logger: Logger) async throws
        -> StoreConnection
    {
        let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true))
        let connection = try await source.makeConnection(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()).get()
        let database = connection.sql(queryLogLevel: .trace)
        do {
            let mode = try await database.raw("PRAGMA journal_mode = WAL").first()?.decode(column: "journal_mode", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw StoreError.unsupportedDatabase("cannot switch \(path) to WAL mode (it stays in \(mode ?? "an unknown") mode)")
            }
            let pragmas = [
                "PRAGMA synchronous = \(durability.synchronous)", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
            ]
            for pragma in pragmas {
                try await database.raw(SQLQueryString(pragma)).run()
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return StoreConnection(database: database) { try await connection.close() }
    }
}
