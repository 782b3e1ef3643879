import Hummingbird
import Logging
import TollgateAdmin
import TollgateEmbedded
import TollgateTestSupport

/// Runs `body` against a fresh gateway in its own temporary data directory, then shuts
/// everything down and removes the directory.
func withTestGateway<Result: Sendable>(
    metrics: AdminAPI.MetricsSource? = nil, _ body: (TestGateway) async throws -> Result
) async throws -> Result {
    try await TestDataDirectory.with { directory in
        try await withTestGateway(dataDirectory: directory, metrics: metrics, body)
    }
}

/// Runs `body` against a gateway on `dataDirectory` (created or reopened), then always shuts
/// down the API (graceful shutdown of its service group) and the engine (closing the store),
/// so that the directory can be opened again. `metrics` is what `GET /metrics` serves.
func withTestGateway<Result: Sendable>(
    dataDirectory: TestDataDirectory, metrics: AdminAPI.MetricsSource? = nil,
    _ body: (TestGateway) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "tollgate-endpoint-tests")
    logger.logLevel = .warning
    let engine = try await EmbeddedEngine.open(sqlitePath: dataDirectory.sqlitePath, logger: logger)
    do {
        let result = try await serveAdminAPI(AdminAPI(engine: engine, metrics: metrics), logger: logger, body)
        await engine.shutdown()
        return result
    } catch {
        await engine.shutdown()
        throw error
    }
}

/// Serves `api` on 127.0.0.1 (a free port) while `body` runs.
private func serveAdminAPI<Result: Sendable>(
    _ api: AdminAPI, logger: Logger, _ body: (TestGateway) async throws -> Result
) async throws -> Result {
    let verifier = try await AdminTokenVerifier(
        configuration: AdminAuthConfiguration(keys: .hmacSecret(TestGateway.secret)), logger: logger)
    let minter = try await AdminTokenMinter(secret: TestGateway.secret)
    let adminToken = try await minter.mint(subject: "endpoint-tests", ttl: .seconds(3600))
    let router = api.router(authentication: AdminAuthMiddleware<AdminRequestContext>(verifier: verifier))
    return try await withLoopbackServer(router.buildResponder(), logger: logger) { port in
        try await body(TestGateway(port: port, adminToken: adminToken, minter: minter))
    }
}
