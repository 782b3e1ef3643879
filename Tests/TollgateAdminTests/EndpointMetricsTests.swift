import Hummingbird
import Logging
import NIOHTTP1
import ServiceLifecycle
import Testing
import TollgateAdmin
import TollgateCore
import TollgateEmbedded

/// `GET /metrics`: the data plane's Prometheus text, behind the `ADMIN` token.
@Suite("Metrics endpoint")
struct EndpointMetricsTests {
    static let exposition = "# TYPE tollgate_http_requests_total counter\ntollgate_http_requests_total{route=\"r\"} 3\n"

    @Test func theMetricsSourceIsServedAsPrometheusTextToAnAdmin() async throws {
        try await withMetricsGateway(metrics: { Self.exposition }) { gateway in
            let response = try await gateway.get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(String(decoding: response.body, as: UTF8.self) == Self.exposition)
        }
    }

    @Test func metricsNeedTheAdminToken() async throws {
        try await withMetricsGateway(metrics: { Self.exposition }) { gateway in
            let anonymous = try await gateway.get("/metrics", credentials: .none)
            expectProblem(anonymous, status: 401)
            #expect(anonymous.headers.first(name: "WWW-Authenticate") == #"Bearer error="invalid_token""#)
            let reader = try await gateway.minter.mint(subject: "reader", role: "READER", ttl: .seconds(600))
            expectProblem(try await gateway.get("/metrics", credentials: .authorization("Bearer \(reader)")), status: 403)
        }
    }

    @Test func anEngineWithoutMetricsAnswers501() async throws {
        try await withMetricsGateway(metrics: nil) { gateway in
            let response = try await gateway.get("/metrics")
            expectProblem(response, status: 501)
            #expect(response["detail"]?.stringValue?.contains("Kong") == true)
        }
    }
}

/// Runs `body` against the management API of a fresh embedded engine whose
/// `GET /metrics` answers with `metrics`.
private func withMetricsGateway(
    metrics: AdminAPI.MetricsSource?, _ body: (TestGateway) async throws -> Void
) async throws {
    try await TestDataDirectory.with { directory in
        var logger = Logger(label: "tollgate-metrics-tests")
        logger.logLevel = .warning
        let engine = try await EmbeddedEngine.open(sqlitePath: directory.sqlitePath, logger: logger)
        let verifier = try await AdminTokenVerifier(
            configuration: AdminAuthConfiguration(keys: .hmacSecret(TestGateway.secret)), logger: logger)
        let minter = try await AdminTokenMinter(secret: TestGateway.secret)
        let token = try await minter.mint(subject: "metrics-tests", ttl: .seconds(3600))
        let router = AdminAPI(engine: engine, metrics: metrics).router(
            authentication: AdminAuthMiddleware<AdminRequestContext>(verifier: verifier))
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portSink.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let services = ServiceGroup(services: [app], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { portSink.finish() }
                try await services.run()
            }
            defer { portSink.finish() }
            let outcome: Result<Void, any Error>
            if let port = await ports.first(where: { _ in true }), port > 0 {
                do {
                    try await body(TestGateway(port: port, adminToken: token, minter: minter))
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
            } else {
                outcome = .failure(TestGateway.StartFailure())
            }
            await services.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            await engine.shutdown()
            try outcome.get()
        }
    }
}
