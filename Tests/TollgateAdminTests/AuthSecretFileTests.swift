import Foundation
import Testing
import TollgateAdmin

/// The HS256 secret Tollgate creates at first start.
@Suite struct AuthSecretFileTests {
    /// Runs `body` with the path of a data directory that does not exist yet.
    static func withDataDirectory(_ body: (String) throws -> Void) async throws {
        try await TestDataDirectory.with { parent in try body(parent.url.appendingPathComponent("data").path) }
    }

    static func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func createsOnceThenLoads() async throws {
        try await Self.withDataDirectory { directory in
            let created = try AdminSecretFile.loadOrCreate(dataDirectory: directory)
            #expect(created.created)
            #expect(created.secret.count == 32)
            let path = directory + "/" + AdminSecretFile.fileName
            #expect(try Self.permissions(path) == 0o600)
            #expect(try Self.permissions(directory) == 0o700)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Data(base64Encoded: text).map(Array.init) == created.secret)

            let loaded = try AdminSecretFile.loadOrCreate(dataDirectory: directory)
            #expect(!loaded.created)
            #expect(loaded.secret == created.secret)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [AdminSecretFile.fileName])
        }
    }

    @Test func refusesASecretOthersCanRead() async throws {
        try await Self.withDataDirectory { directory in
            let path = try Self.write(Data(repeating: 1, count: 32).base64EncodedString(), in: directory)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            #expect(throws: AdminAuthConfigurationError.self) {
                try AdminSecretFile.loadOrCreate(dataDirectory: directory)
            }
        }
    }

    @Test(arguments: [Data(repeating: 1, count: 16).base64EncodedString(), "not base64!"])
    func refusesAnUnusableSecret(_ contents: String) async throws {
        try await Self.withDataDirectory { directory in
            try Self.write(contents, in: directory)
            #expect(throws: AdminAuthConfigurationError.self) {
                try AdminSecretFile.loadOrCreate(dataDirectory: directory)
            }
        }
    }

    @discardableResult
    static func write(_ contents: String, in directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + AdminSecretFile.fileName
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]))
        return path
    }
}
