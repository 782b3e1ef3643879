import Testing
import TollgateCore

/// `DELETE /services/:name` takes with it everything that belongs to the service.
@Suite("Service deletion cascades")
struct EndpointServiceDeletionTests {
    @Test func deletingAServiceDeletesItsRoutesPluginsCanaryAndMirrors() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createService("billing")
            try await gateway.createRoute("orders-api", service: "orders")
            try await gateway.createRoute("orders-admin", service: "orders")
            try await gateway.createRoute("billing-api", service: "billing")
            try await gateway.createUpstream("orders-v2", targets: ["10.0.0.9:8080"])
            try await gateway.post("/services/orders/canary", ["upstream": "orders-v2", "percentage": 10]).expecting(201)
            try await gateway.post("/routes/orders-api/mirror", ["url": "http://shadow.internal:8080"]).expecting(201)
            try await gateway.post("/routes/billing-api/mirror", ["url": "http://shadow.internal:8080"]).expecting(201)
            let global = try await gateway.createPlugin(["name": "correlation-id"])
            let billing = try await gateway.createPlugin(["name": "cors", "service": "billing"])
            try await gateway.createPlugin(["name": "cors", "service": "orders"])
            try await gateway.createPlugin(["name": "rate-limiting", "route": "orders-api", "config": ["minute": 10]])

            #expect(try await gateway.delete("/services/orders").status == 204)

            let routes = try await gateway.get("/routes").expecting(200).listData.compactMap { $0["name"]?.stringValue }
            #expect(routes == ["billing-api"])
            let plugins = try await gateway.get("/plugins").expecting(200).listData.compactMap { $0["id"]?.stringValue }
            #expect(Set(plugins) == [global, billing])
            #expect(try await gateway.get("/routes/billing-api/mirror").status == 200)
            expectProblem(try await gateway.get("/routes/orders-api"), status: 404)

            // Recreated under the same names, the service and route start without canary or mirror…
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            expectProblem(try await gateway.get("/services/orders/canary"), status: 404)
            #expect(try await gateway.get("/services/orders").expecting(200)["canary"] == nil)
            expectProblem(try await gateway.get("/routes/orders-api/mirror"), status: 404)
            // …and no leftover canary keeps the upstream in use.
            #expect(try await gateway.delete("/upstreams/orders-v2").status == 204)
        }
    }

    @Test func deletingARouteDeletesItsMirrorAndPluginsOnly() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            try await gateway.post("/routes/orders-api/mirror", ["url": "http://shadow.internal:8080"]).expecting(201)
            let onService = try await gateway.createPlugin(["name": "cors", "service": "orders"])
            try await gateway.createPlugin(["name": "cors", "route": "orders-api"])

            #expect(try await gateway.delete("/routes/orders-api").status == 204)

            let plugins = try await gateway.get("/plugins").expecting(200).listData.compactMap { $0["id"]?.stringValue }
            #expect(plugins == [onService])
            #expect(try await gateway.get("/services/orders").expecting(200)["routes"] == [])
            try await gateway.createRoute("orders-api", service: "orders")
            expectProblem(try await gateway.get("/routes/orders-api/mirror"), status: 404)
        }
    }
}
