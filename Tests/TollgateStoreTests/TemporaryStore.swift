import Foundation
import Logging
import TollgateStore

/// A store on a fresh SQLite file in its own temporary directory, removed afterwards.
enum TemporaryStore {
    static let logger = Logger(label: "tollgate.store.tests")

    /// Runs `body` with the path of a database file that does not exist yet (its directory neither).
    static func withPath<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appending(path: "tollgate-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.appending(path: "nested/config.sqlite").path)
    }

    /// Runs `body` with a freshly opened store, closed afterwards.
    static func with<Result>(_ body: (ConfigStore) async throws -> Result) async throws -> Result {
        try await withPath { path in
            let store = try await ConfigStore.sqlite(path: path, logger: logger)
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        }
    }
}
