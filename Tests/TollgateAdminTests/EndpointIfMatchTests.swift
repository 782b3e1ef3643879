import Testing
import TollgateCore

/// `If-Match` on writes: a stale etag gets 412 and changes nothing; the current one or `*` passes.
@Suite("If-Match preconditions")
struct EndpointIfMatchTests {
    static let replacement: JSONValue = ["name": "orders", "url": "http://orders-v2.internal", "retries": 1]

    @Test func aStaleEtagRefusesAReplaceWith412AndChangesNothing() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.createService("orders")
            let before = try await GatewayState.read(from: gateway)
            let response = try await gateway.post("/services", Self.replacement, headers: [("If-Match", "\"stale\"")])
            expectProblem(response, status: 412)
            #expect(try await GatewayState.read(from: gateway) == before)
            #expect(try await gateway.get("/services/orders").expecting(200)["etag"] == created["etag"])
        }
    }

    @Test func aStaleEtagRefusesADeleteWith412() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.delete("/services/orders", headers: [("If-Match", "\"stale\"")]), status: 412)
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }

    @Test func theCurrentEtagLetsAReplaceAndADeleteThrough() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.createService("orders")
            let etag = try #require(created.etagHeader)
            let replaced = try await gateway.post("/services", Self.replacement, headers: [("If-Match", etag)])
            #expect(replaced.status == 200)
            #expect(replaced["retries"] == 1)
            expectProblem(try await gateway.delete("/services/orders", headers: [("If-Match", etag)]), status: 412)
            let current = try #require(replaced.etagHeader)
            #expect(try await gateway.delete("/services/orders", headers: [("If-Match", current)]).status == 204)
        }
    }

    @Test func anUnquotedEtagAndAListOfEtagsAreAccepted() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.createService("orders")
            let etag = try #require(created["etag"]?.stringValue)
            let replaced = try await gateway.post("/services", Self.replacement, headers: [("If-Match", etag)])
            #expect(replaced.status == 200)
            let current = try #require(replaced["etag"]?.stringValue)
            let list = "\"stale\", \"\(current)\""
            #expect(try await gateway.delete("/services/orders", headers: [("If-Match", list)]).status == 204)
        }
    }

    @Test func aStarMatchesAnExistingEntityOnly() async throws {
        try await withTestGateway { gateway in
            let missing = try await gateway.post("/services", Self.replacement, headers: [("If-Match", "*")])
            expectProblem(missing, status: 412)
            expectProblem(try await gateway.get("/services/orders"), status: 404)

            try await gateway.createService("orders")
            #expect(try await gateway.post("/services", Self.replacement, headers: [("If-Match", "*")]).status == 200)
            #expect(try await gateway.delete("/services/orders", headers: [("If-Match", "*")]).status == 204)
        }
    }

    @Test func routesAndPluginsCheckIfMatchToo() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            let plugin = try await gateway.createPlugin(["name": "cors"])
            let before = try await GatewayState.read(from: gateway)
            let stale = [("If-Match", "\"stale\"")]
            expectProblem(
                try await gateway.post("/services/orders/routes", ["name": "orders-api", "paths": ["/v2"]], headers: stale),
                status: 412)
            expectProblem(try await gateway.delete("/routes/orders-api", headers: stale), status: 412)
            expectProblem(try await gateway.patch("/plugins/\(plugin)", ["enabled": false], headers: stale), status: 412)
            expectProblem(try await gateway.delete("/plugins/\(plugin)", headers: stale), status: 412)
            #expect(try await GatewayState.read(from: gateway) == before)

            let etag = try #require(try await gateway.get("/plugins/\(plugin)").expecting(200).etagHeader)
            let patched = try await gateway.patch("/plugins/\(plugin)", ["enabled": false], headers: [("If-Match", etag)])
            #expect(patched.status == 200)
            #expect(patched["enabled"] == false)
        }
    }
}
