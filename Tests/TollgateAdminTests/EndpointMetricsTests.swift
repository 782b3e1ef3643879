import NIOHTTP1
import Testing
import TollgateAdmin
import TollgateCore

/// `GET /metrics`: the data plane's Prometheus text, behind the `ADMIN` token.
@Suite("Metrics endpoint")
struct EndpointMetricsTests {
    static let exposition = "# TYPE tollgate_http_requests_total counter\ntollgate_http_requests_total{route=\"r\"} 3\n"

    @Test func theMetricsSourceIsServedAsPrometheusTextToAnAdmin() async throws {
        try await withTestGateway(metrics: { Self.exposition }) { gateway in
            let response = try await gateway.get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(String(decoding: response.body, as: UTF8.self) == Self.exposition)
        }
    }

    @Test func metricsNeedTheAdminToken() async throws {
        try await withTestGateway(metrics: { Self.exposition }) { gateway in
            let anonymous = try await gateway.get("/metrics", credentials: .none)
            expectProblem(anonymous, status: 401)
            #expect(anonymous.headers.first(name: "WWW-Authenticate") == #"Bearer error="invalid_token""#)
            let reader = try await gateway.minter.mint(subject: "reader", role: "READER", ttl: .seconds(600))
            expectProblem(try await gateway.get("/metrics", credentials: .authorization("Bearer \(reader)")), status: 403)
        }
    }

    @Test func anEngineWithoutMetricsAnswers501() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.get("/metrics")
            expectProblem(response, status: 501)
            #expect(response["detail"]?.stringValue?.contains("Kong") == true)
        }
    }
}
