import Foundation
import Logging
import TollgateCore
import TollgateEmbedded
import TollgateKong

/// The engines the shared contract scenarios run against.
enum EngineUnderTest: String, CaseIterable, Sendable, CustomStringConvertible {
    case embedded
    case kong

    var description: String { rawValue }

    /// Runs `body` with the management API on this engine (the Kong engine over a fresh emulator).
    func withGateway<Result: Sendable>(
        _ options: KongEmulatorOptions = KongEmulatorOptions(), _ body: (AdminGateway) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "tollgate-kong-tests")
        logger.logLevel = .critical
        switch self {
        case .embedded:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-kong-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let engine = try await EmbeddedEngine.open(
                sqlitePath: directory.appendingPathComponent("tollgate.sqlite").path, logger: logger)
            return try await Self.serve(engine, shutdown: engine.shutdown, body)
        case .kong:
            return try await withKongEmulator(options) { emulator in
                let engine = KongEngine(adminURL: emulator.url, timeout: .seconds(5), logger: logger)
                return try await Self.serve(engine, shutdown: engine.shutdown, body)
            }
        }
    }

    /// Serves `engine`'s management API while `body` runs, then shuts the engine down,
    /// also when `body` throws.
    private static func serve<Result: Sendable>(
        _ engine: any GatewayEngine, shutdown: () async -> Void, _ body: (AdminGateway) async throws -> Result
    ) async throws -> Result {
        do {
            let result = try await withAdminGateway(engine: engine, body)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }
}
