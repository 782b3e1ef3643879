import Testing
import TollgateCore

/// `POST`/`GET`/`DELETE /services/:name/canary`.
@Suite("Canary endpoints")
struct EndpointCanaryTests {
    static let canary: JSONValue = [
        "upstream": "orders-v2", "percentage": 10, "hash_on": "header", "hash_on_header": "X-User-ID",
        "override_header": "X-Canary", "steps": ["increment": 10, "interval_s": 300, "until": 100],
    ]

    @Test func upsertAnswers201ThenReplacesWith200() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createUpstream("orders-v2", targets: ["10.0.0.9:8080"])
            let created = try await gateway.post("/services/orders/canary", Self.canary)
            expectEntityResponse(created, status: 201)
            #expect(created["service"] == "orders")
            #expect(created["upstream"] == "orders-v2")
            #expect(created["url"] == .null)
            #expect(created["percentage"] == 10)
            #expect(created["hash_on"] == "header")
            #expect(created["hash_on_header"] == "X-User-ID")
            #expect(created["override_header"] == "X-Canary")
            #expect(created["steps"] == ["increment": 10, "interval_s": 300, "until": 100])

            let replaced = try await gateway.post("/services/orders/canary", ["url": "http://orders-v3.internal:8080", "percentage": 25])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["etag"] != created["etag"])
            #expect(replaced["url"] == "http://orders-v3.internal:8080")
            #expect(replaced["upstream"] == .null)
            #expect(replaced["percentage"] == 25)
            #expect(replaced["hash_on"] == "none")
            #expect(replaced["steps"] == .null)
        }
    }

    @Test func theServiceShowsItsCanary() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            #expect(try await gateway.get("/services/orders").expecting(200)["canary"] == nil)
            let canary = try await gateway.post("/services/orders/canary", ["url": "http://orders-v2.internal", "percentage": 5])
                .expecting(201)
            let service = try await gateway.get("/services/orders").expecting(200)
            #expect(service["canary"] == canary.json)
            #expect(service["canary"]?["percentage"] == 5)
            let listed = try await gateway.get("/services").expecting(200).listData.first
            #expect(listed?["canary"] == canary.json)
        }
    }

    @Test func getAndDelete() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            expectProblem(try await gateway.get("/services/orders/canary"), status: 404)
            let created = try await gateway.post("/services/orders/canary", ["url": "http://orders-v2.internal", "percentage": 5])
                .expecting(201)
            let fetched = try await gateway.get("/services/orders/canary")
            expectEntityResponse(fetched, status: 200)
            #expect(fetched.json == created.json)
            #expect(try await gateway.delete("/services/orders/canary").status == 204)
            expectProblem(try await gateway.get("/services/orders/canary"), status: 404)
            expectProblem(try await gateway.delete("/services/orders/canary"), status: 404)
            #expect(try await gateway.get("/services/orders").expecting(200)["canary"] == nil)
        }
    }

    @Test func anUnknownServiceGets404() async throws {
        try await withTestGateway { gateway in
            let body: JSONValue = ["url": "http://orders-v2.internal", "percentage": 5]
            expectProblem(try await gateway.post("/services/nobody/canary", body), status: 404)
            expectProblem(try await gateway.get("/services/nobody/canary"), status: 404)
            expectProblem(try await gateway.delete("/services/nobody/canary"), status: 404)
        }
    }

    @Test(arguments: [
        (["upstream": "orders-v2", "percentage": 10] as JSONValue, ["upstream"]),
        (["percentage": 10] as JSONValue, ["upstream"]),
        (["upstream": "orders-v2", "url": "http://orders-v2.internal", "percentage": 10] as JSONValue, ["url"]),
        (["url": "http://orders-v2.internal"] as JSONValue, ["percentage"]),
        (["url": "http://orders-v2.internal", "percentage": 101] as JSONValue, ["percentage"]),
        (["url": "http://orders-v2.internal", "percentage": 10, "hash_on": "header"] as JSONValue, ["hash_on_header"]),
        (["url": "http://orders-v2.internal", "percentage": 10, "hash_on": "moon"] as JSONValue, ["hash_on"]),
        (["url": "http://orders-v2.internal", "percentage": 10, "steps": ["increment": 0, "interval_s": 60]] as JSONValue,
         ["steps.increment"]),
        (["url": "http://orders-v2.internal", "percentage": 50, "steps": ["increment": 10, "interval_s": 60, "until": 20]]
            as JSONValue, ["steps.until"]),
        (["url": "http://orders-v2.internal", "percentage": 10, "steps": ["increment": 10, "every": 60]] as JSONValue,
         ["steps.interval_s", "steps.every"]),
        (["url": "http://orders-v2.internal", "percentage": 10, "steps": 5] as JSONValue, ["steps"]),
    ])
    func invalidCanariesAreRefusedAndWriteNothing(body: JSONValue, fields: [String]) async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.post("/services/orders/canary", body), status: 400, fields: Set(fields))
            expectProblem(try await gateway.get("/services/orders/canary"), status: 404)
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }
}
