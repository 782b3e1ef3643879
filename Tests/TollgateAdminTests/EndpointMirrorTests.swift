import Testing
import TollgateCore

/// `POST`/`GET`/`DELETE /routes/:name/mirror`.
@Suite("Mirror endpoints")
struct EndpointMirrorTests {
    /// Runs `body` with service `orders` and its route `orders-api` in place.
    private func withRoute(_ body: (TestGateway) async throws -> Void) async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            try await body(gateway)
        }
    }

    @Test func upsertAnswers201ThenReplacesWith200() async throws {
        try await withRoute { gateway in
            let created = try await gateway.post(
                "/routes/orders-api/mirror",
                ["url": "http://shadow.internal:8080", "sample_percent": 25, "include_body": false, "timeout_ms": 500])
            expectEntityResponse(created, status: 201)
            #expect(created["route"] == "orders-api")
            #expect(created["url"] == "http://shadow.internal:8080")
            #expect(created["upstream"] == .null)
            #expect(created["sample_percent"]?.doubleValue == 25)
            #expect(created["include_body"] == false)
            #expect(created["timeout_ms"] == 500)

            try await gateway.createUpstream("shadow")
            let replaced = try await gateway.post("/routes/orders-api/mirror", ["upstream": "shadow"])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["etag"] != created["etag"])
            #expect(replaced["upstream"] == "shadow")
            #expect(replaced["url"] == .null)
            #expect(replaced["sample_percent"]?.doubleValue == 100)
            #expect(replaced["include_body"] == true)
            #expect(replaced["timeout_ms"] == 2000)
        }
    }

    @Test func getAndDelete() async throws {
        try await withRoute { gateway in
            expectProblem(try await gateway.get("/routes/orders-api/mirror"), status: 404)
            let created = try await gateway.post("/routes/orders-api/mirror", ["url": "http://shadow.internal"]).expecting(201)
            let fetched = try await gateway.get("/routes/orders-api/mirror")
            expectEntityResponse(fetched, status: 200)
            #expect(fetched.json == created.json)
            #expect(try await gateway.delete("/routes/orders-api/mirror").status == 204)
            expectProblem(try await gateway.get("/routes/orders-api/mirror"), status: 404)
            expectProblem(try await gateway.delete("/routes/orders-api/mirror"), status: 404)
        }
    }

    @Test func anUnknownRouteGets404() async throws {
        try await withRoute { gateway in
            expectProblem(try await gateway.post("/routes/nowhere/mirror", ["url": "http://shadow.internal"]), status: 404)
            expectProblem(try await gateway.get("/routes/nowhere/mirror"), status: 404)
            expectProblem(try await gateway.delete("/routes/nowhere/mirror"), status: 404)
        }
    }

    @Test(arguments: [
        (["upstream": "nobody"] as JSONValue, ["upstream"]),
        ([:] as JSONValue, ["upstream"]),
        (["url": "shadow.internal"] as JSONValue, ["url"]),
        (["url": "http://shadow.internal", "sample_percent": 150, "timeout_ms": 0] as JSONValue, ["sample_percent", "timeout_ms"]),
        (["url": "http://shadow.internal", "include_body": "yes"] as JSONValue, ["include_body"]),
    ])
    func invalidMirrorsAreRefusedAndWriteNothing(body: JSONValue, fields: [String]) async throws {
        try await withRoute { gateway in
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.post("/routes/orders-api/mirror", body), status: 400, fields: Set(fields))
            expectProblem(try await gateway.get("/routes/orders-api/mirror"), status: 404)
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }
}
