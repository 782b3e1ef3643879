import Foundation
import Logging
import TollgateCore
import TollgateEmbedded

/// An engine on a fresh SQLite file in its own temporary directory, removed afterwards.
enum TemporaryEngine {
    static let logger = Logger(label: "tollgate.embedded.tests")

    /// Runs `body` with the path of a database file in a directory that does not exist yet.
    static func withPath<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appending(path: "tollgate-engine-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.appending(path: "data/tollgate.sqlite").path)
    }

    /// Runs `body` with a freshly opened engine, shut down afterwards.
    static func with<Result>(_ body: (EmbeddedEngine) async throws -> Result) async throws -> Result {
        try await withPath { path in
            let engine = try await EmbeddedEngine.open(sqlitePath: path, logger: logger)
            do {
                let result = try await body(engine)
                await engine.shutdown()
                return result
            } catch {
                await engine.shutdown()
                throw error
            }
        }
    }
}

/// Specs as the admin layer hands them over: parsed from bodies, defaults applied.
enum Fixture {
    static func service(_ name: String, host: String = "backend.internal") throws -> ServiceSpec {
        try ServiceSpec.parse(["name": .string(name), "host": .string(host)])
    }

    static func route(_ name: String, path: String = "/") throws -> RouteSpec {
        try RouteSpec.parse(["name": .string(name), "paths": [.string(path)]])
    }

    static func plugin(_ body: JSONValue) throws -> PluginSpec {
        try PluginSpec.parse(body)
    }

    static func upstream(_ name: String, targets: [String]? = nil) throws -> UpstreamUpsert {
        var body: [String: JSONValue] = ["name": .string(name)]
        if let targets { body["targets"] = .array(targets.map(JSONValue.string)) }
        return try UpstreamUpsert.parse(.object(body))
    }

    static func target(_ address: String, weight: Int = 100) throws -> TargetSpec {
        try TargetSpec.parse(["target": .string(address), "weight": .int(weight)])
    }

    static func tenantLimit(_ body: JSONValue = ["minute": 60]) throws -> TenantRateLimitSpec {
        try TenantRateLimitSpec.parse(body)
    }

    static func canary(_ body: JSONValue) throws -> CanarySpec {
        try CanarySpec.parse(body)
    }

    static func mirror(_ body: JSONValue) throws -> MirrorSpec {
        try MirrorSpec.parse(body)
    }
}
