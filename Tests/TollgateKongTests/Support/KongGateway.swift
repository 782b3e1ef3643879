import Logging
import TollgateKong

/// Runs `body` with the management API on a Kong engine driving a fresh emulator.
func withKongGateway<Result: Sendable>(
    _ options: KongEmulatorOptions = KongEmulatorOptions(), mirrorPlugin: String? = nil, adminToken: String? = nil,
    _ body: (KongEmulator, AdminGateway) async throws -> Result
) async throws -> Result {
    try await withKongEmulator(options) { emulator in
        var logger = Logger(label: "tollgate-kong-tests")
        logger.logLevel = .critical
        let engine = KongEngine(
            configuration: KongAdminConfiguration(
                adminURL: emulator.url, timeout: .seconds(5), adminToken: adminToken, mirrorPlugin: mirrorPlugin),
            logger: logger)
        do {
            let result = try await withAdminGateway(engine: engine) { gateway in try await body(emulator, gateway) }
            await engine.shutdown()
            return result
        } catch {
            await engine.shutdown()
            throw error
        }
    }
}
