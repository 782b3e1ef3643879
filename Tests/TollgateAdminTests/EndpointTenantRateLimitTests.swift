import Testing
import TollgateCore

/// `POST`/`GET`/`DELETE /tenants/:tenantId/rate-limit`.
@Suite("Tenant rate-limit endpoints")
struct EndpointTenantRateLimitTests {
    @Test func upsertAnswers201ThenReplacesWith200() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.post(
                "/tenants/acme/rate-limit", ["minute": 600, "hour": 20000, "algorithm": "token_bucket"])
            expectEntityResponse(created, status: 201)
            #expect(created["tenant"] == "acme")
            #expect(created["second"] == .null)
            #expect(created["minute"] == 600)
            #expect(created["hour"] == 20000)
            #expect(created["day"] == .null)
            #expect(created["algorithm"] == "token_bucket")
            #expect(created["policy"] == "local")
            #expect(created["service"] == .null)

            let replaced = try await gateway.post("/tenants/acme/rate-limit", ["second": 10])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["etag"] != created["etag"])
            #expect(replaced["second"] == 10)
            #expect(replaced["minute"] == .null)
            #expect(replaced["hour"] == .null)
            #expect(replaced["algorithm"] == "sliding_window")
        }
    }

    @Test func aLimitMayBeScopedToAService() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let created = try await gateway.post("/tenants/acme/rate-limit", ["minute": 60, "service": "orders"])
            #expect(created.status == 201)
            #expect(created["service"] == "orders")
        }
    }

    @Test func getAndDelete() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.post("/tenants/acme/rate-limit", ["day": 5]).expecting(201)
            let fetched = try await gateway.get("/tenants/acme/rate-limit")
            expectEntityResponse(fetched, status: 200)
            #expect(fetched.json == created.json)
            expectProblem(try await gateway.get("/tenants/other/rate-limit"), status: 404)
            #expect(try await gateway.delete("/tenants/acme/rate-limit").status == 204)
            expectProblem(try await gateway.get("/tenants/acme/rate-limit"), status: 404)
            expectProblem(try await gateway.delete("/tenants/acme/rate-limit"), status: 404)
        }
    }

    @Test func atLeastOneWindowIsRequired() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post("/tenants/acme/rate-limit", ["algorithm": "fixed_window"])
            expectProblem(response, status: 400)
            #expect(response.errorFields.count == 1)
            expectProblem(try await gateway.get("/tenants/acme/rate-limit"), status: 404)
        }
    }

    @Test(arguments: [
        (["minute": 600, "hour": 100] as JSONValue, ["hour"]),
        (["second": 10, "minute": 5, "day": 1] as JSONValue, ["minute", "day"]),
        (["minute": 0] as JSONValue, ["minute"]),
        (["minute": 60, "algorithm": "leaky"] as JSONValue, ["algorithm"]),
        (["minute": 60, "policy": "cluster"] as JSONValue, ["policy"]),
        (["minute": 60, "service": "nobody"] as JSONValue, ["service"]),
        (["minute": 60, "burst": 3] as JSONValue, ["burst"]),
    ])
    func invalidLimitsAreRefusedAndWriteNothing(body: JSONValue, fields: [String]) async throws {
        try await withTestGateway { gateway in
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.post("/tenants/acme/rate-limit", body), status: 400, fields: Set(fields))
            expectProblem(try await gateway.get("/tenants/acme/rate-limit"), status: 404)
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }
}
