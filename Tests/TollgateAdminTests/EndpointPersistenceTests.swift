import Testing
import TollgateCore

/// The configuration lives in the SQLite file: a gateway reopened on the same data
/// directory serves every entity with the same ids.
@Suite("Persistence across restarts")
struct EndpointPersistenceTests {
    static let extraPaths = ["/services/orders/canary", "/routes/orders-api/mirror", "/tenants/acme/rate-limit"]

    @Test func everythingWrittenIsThereAfterAReopen() async throws {
        try await TestDataDirectory.with { directory in
            let written = try await withTestGateway(dataDirectory: directory) { gateway in
                try await gateway.createService("orders")
                try await gateway.createRoute("orders-api", service: "orders")
                try await gateway.createUpstream("orders-v2", targets: ["10.0.0.5:8080", "[::1]:8080"])
                try await gateway.post("/services/orders/canary", ["upstream": "orders-v2", "percentage": 10]).expecting(201)
                try await gateway.post("/routes/orders-api/mirror", ["url": "http://shadow.internal"]).expecting(201)
                try await gateway.post("/tenants/acme/rate-limit", ["minute": 100, "service": "orders"]).expecting(201)
                try await gateway.createPlugin(["name": "key-auth", "config": ["keys": [["key": "s3cret-key-of-acme", "tenant": "acme"]]]])
                try await gateway.createPlugin(["name": "cors", "route": "orders-api"])
                return try await GatewayState.read(from: gateway, including: Self.extraPaths)
            }
            try await withTestGateway(dataDirectory: directory) { gateway in
                let reopened = try await GatewayState.read(from: gateway, including: Self.extraPaths)
                #expect(reopened == written)
                #expect(reopened.services.count == 1)
                #expect(reopened.plugins.count == 2)
                #expect(reopened.extras.values.allSatisfy { $0.hasPrefix("200 ") })
            }
        }
    }

    @Test func deletionsAndUpdatesPersistToo() async throws {
        try await TestDataDirectory.with { directory in
            let updated = try await withTestGateway(dataDirectory: directory) { gateway in
                try await gateway.createService("orders")
                try await gateway.createService("billing")
                try await gateway.delete("/services/billing").expecting(204)
                return try await gateway.post("/services", ["name": "orders", "url": "http://orders-v2.internal"]).expecting(200)
            }
            try await withTestGateway(dataDirectory: directory) { gateway in
                let orders = try await gateway.get("/services/orders").expecting(200)
                #expect(orders.json == updated.json)
                expectProblem(try await gateway.get("/services/billing"), status: 404)
                let replacedAgain = try await gateway.post("/services", ["name": "orders", "host": "orders.internal"])
                #expect(replacedAgain.status == 200)
                #expect(replacedAgain["id"] == updated["id"])
            }
        }
    }
}
