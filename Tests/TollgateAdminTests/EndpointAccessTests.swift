import NIOHTTP1
import Testing
import TollgateAdmin
import TollgateCore

/// Who may call the API: an `ADMIN` bearer token everywhere but `/health` and `/openapi.json`.
@Suite("Access to the management API")
struct EndpointAccessTests {
    static let bearerChallenge = #"Bearer error="invalid_token""#

    @Test(arguments: ["/services", "/routes", "/plugins", "/upstreams", "/tenants/acme/rate-limit"])
    func aRequestWithoutATokenGets401(path: String) async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.get(path, credentials: .none)
            expectProblem(response, status: 401)
            #expect(response.headers.first(name: "WWW-Authenticate") == Self.bearerChallenge)
        }
    }

    @Test(arguments: ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer not.a.jwt", "Bearer eyJhbGciOiJub25lIn0.e30."])
    func aWriteWithABadAuthorizationGets401AndWritesNothing(authorization: String) async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.send(
                .POST, "/services", body: .json(["name": "orders", "host": "orders.internal"]),
                credentials: .authorization(authorization))
            expectProblem(response, status: 401)
            #expect(response.headers.first(name: "WWW-Authenticate") == Self.bearerChallenge)
            #expect(try await gateway.get("/services").expecting(200).listData.isEmpty)
        }
    }

    @Test func aTokenWithoutTheAdminRoleGets403AndWritesNothing() async throws {
        try await withTestGateway { gateway in
            let reader = try await gateway.minter.mint(subject: "reader", role: "READER", ttl: .seconds(600))
            let credentials = TestGateway.Credentials.authorization("Bearer \(reader)")
            expectProblem(try await gateway.get("/services", credentials: credentials), status: 403)
            let write = try await gateway.send(
                .POST, "/services", body: .json(["name": "orders", "host": "orders.internal"]), credentials: credentials)
            expectProblem(write, status: 403)
            #expect(write.headers.first(name: "WWW-Authenticate") == nil)
            #expect(try await gateway.get("/services").expecting(200).listData.isEmpty)
        }
    }

    @Test func healthAndTheOpenAPIDocumentNeedNoToken() async throws {
        try await withTestGateway { gateway in
            let health = try await gateway.get("/health", credentials: .none)
            #expect(health.status == 200)
            #expect(health.contentType?.hasPrefix("application/json") == true)
            let openAPI = try await gateway.get("/openapi.json", credentials: .none)
            #expect(openAPI.status == 200)
            #expect(openAPI.contentType?.hasPrefix("application/json") == true)
            #expect(openAPI["openapi"]?.stringValue?.hasPrefix("3.") == true)
            #expect(openAPI["paths"]?.objectValue?.isEmpty == false)
        }
    }

    @Test func healthReportsTheEmbeddedEngineAndItsConfigVersion() async throws {
        try await withTestGateway { gateway in
            let health = try await gateway.get("/health", credentials: .none).expecting(200)
            #expect(health["status"] == "ok")
            #expect(health["engine"] == "embedded")
            #expect(health["version"] == .string(TollgateVersion.current))
            #expect((health["uptime_s"]?.intValue ?? -1) >= 0)
            #expect(health["checks"]?["store"] == "ok")
            let version = try #require(health["config_version"]?.intValue)

            try await gateway.createService("orders")
            let afterCreate = try #require(try await gateway.configVersion())
            #expect(afterCreate > version)
            #expect(try await gateway.delete("/services/orders").status == 204)
            let afterDelete = try #require(try await gateway.configVersion())
            #expect(afterDelete > afterCreate)
        }
    }
}
