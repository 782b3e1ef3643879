import Hummingbird
import Logging
import ServiceLifecycle
import TollgateAdmin
import TollgateEmbedded

/// Runs `body` against a fresh gateway in its own temporary data directory, then shuts
/// everything down and removes the directory.
func withTestGateway<Result>(_ body: (TestGateway) async throws -> Result) async throws -> Result {
    try await TestDataDirectory.with { directory in
        try await withTestGateway(dataDirectory: directory, body)
    }
}

/// Runs `body` against a gateway on `dataDirectory` (created or reopened), then always shuts
/// down the API (graceful shutdown of its service group) and the engine (closing the store),
/// so that the directory can be opened again.
func withTestGateway<Result>(
    dataDirectory: TestDataDirectory, _ body: (TestGateway) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "tollgate-endpoint-tests")
    logger.logLevel = .warning
    let engine = try await EmbeddedEngine.open(sqlitePath: dataDirectory.sqlitePath, logger: logger)
    do {
        let result = try await serveAdminAPI(engine: engine, logger: logger, body)
        await engine.shutdown()
        return result
    } catch {
        await engine.shutdown()
        throw error
    }
}

/// Serves the management API of `engine` on 127.0.0.1 (a free port) while `body` runs.
private func serveAdminAPI<Result>(
    engine: EmbeddedEngine, logger: Logger,
    _ body: (TestGateway) async throws -> Result
) async throws -> Result {
    let verifier = try await AdminTokenVerifier(
        configuration: AdminAuthConfiguration(keys: .hmacSecret(TestGateway.secret)), logger: logger)
    let minter = try await AdminTokenMinter(secret: TestGateway.secret)
    let adminToken = try await minter.mint(subject: "endpoint-tests", ttl: .seconds(3600))
    let router = AdminAPI(engine: engine).router(authentication: AdminAuthMiddleware<AdminRequestContext>(verifier: verifier))
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    let services = ServiceGroup(services: [app], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { portSink.finish() }
            try await services.run()
        }
        do {
            guard let port = await ports.first(where: { _ in true }), port > 0 else {
                try await tasks.waitForAll()
                throw TestGateway.StartFailure()
            }
            let gateway = TestGateway(port: port, adminToken: adminToken, minter: minter)
            let result = try await body(gateway)
            await services.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await services.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

extension TestGateway {
    /// The admin server stopped before it reported its port.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String { "the admin API did not start listening on 127.0.0.1; see the log above" }
    }
}
