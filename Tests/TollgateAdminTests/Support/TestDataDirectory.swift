import Foundation

/// A temporary data directory for one test: created empty, removed with everything in it.
struct TestDataDirectory: Sendable {
    /// The directory's location.
    let url: URL

    /// Where the embedded engine keeps its SQLite file inside the directory.
    var sqlitePath: String { url.appendingPathComponent("tollgate.sqlite").path }

    /// Runs `body` with a fresh directory and removes the directory afterwards, whether `body` throws or not.
    static func with<Result>(_ body: (TestDataDirectory) async throws -> Result) async throws -> Result {
        let directory = TestDataDirectory(
            url: FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-endpoint-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.url) }
        return try await body(directory)
    }
}
