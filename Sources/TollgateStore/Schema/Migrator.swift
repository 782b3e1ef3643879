import Foundation
import Logging
import SQLKit

/// Brings a database's schema up to date, recording each applied migration in `schema_migrations`.
struct Migrator {
    let migrations: [Migration]
    let logger: Logger

    /// Applies every migration not yet recorded, each in its own transaction.
    /// - Parameters:
    ///   - connection: The writing connection.
    ///   - begin: The statement that opens a write transaction on this database.
    /// - Throws: ``StoreError/schemaTooNew(found:known:)`` when the database has migrations this build lacks.
    func migrate(_ connection: StoreConnection, begin: String) async throws {
        try await connection.exclusive { database in
            try await database.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    number BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
        let known = migrations.map(\.number).max() ?? 0
        for migration in migrations.sorted(by: { $0.number < $1.number }) {
            try await connection.transaction(begin: begin) { database in
                let applied = try await database.raw(
                    "SELECT MAX(number) AS latest FROM schema_migrations"
                ).first()?.decode(column: "latest", as: Int?.self) ?? 0
                if applied > known { throw StoreError.schemaTooNew(found: applied, known: known) }
                guard applied < migration.number else { return }
                for statement in migration.statements {
                    try await database.raw(SQLQueryString(statement)).run()
                }
                try await database.raw(
                    """
                    INSERT INTO schema_migrations (number, name, applied_at)
                    VALUES (\(bind: migration.number), \(bind: migration.name), \(bind: Int(Date().timeIntervalSince1970)))
                    """
                ).run()
                logger.info("Applied schema migration", metadata: ["number": "\(migration.number)", "name": "\(migration.name)"])
            }
        }
    }
}
