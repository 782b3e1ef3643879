import Testing
import TollgateCore

/// `POST /services/:name/routes`, `GET /routes[/:name]`, `DELETE /routes/:name`.
@Suite("Routes endpoints")
struct EndpointRouteTests {
    static let ordersAPI: JSONValue = [
        "name": "orders-api", "paths": ["/orders", "~/orders/\\d+$"], "hosts": ["API.example.com", "*.example.org"],
        "methods": ["GET", "POST"], "headers": ["X-API-Version": ["2"]], "protocols": ["https"],
        "strip_path": false, "preserve_host": true, "regex_priority": 7, "tags": ["v2"],
    ]

    @Test func upsertUnderAServiceAnswers201ThenReplacesWith200() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let created = try await gateway.post("/services/orders/routes", Self.ordersAPI)
            expectEntityResponse(created, status: 201)
            #expect(created["service"] == "orders")
            #expect(created["paths"] == ["/orders", "~/orders/\\d+$"])
            #expect(created["hosts"] == ["api.example.com", "*.example.org"])
            #expect(created["methods"] == ["GET", "POST"])
            #expect(created["headers"] == ["x-api-version": ["2"]])
            #expect(created["protocols"] == ["https"])
            #expect(created["strip_path"] == false)
            #expect(created["preserve_host"] == true)
            #expect(created["regex_priority"] == 7)
            #expect(created["tags"] == ["v2"])

            let replaced = try await gateway.post("/services/orders/routes", ["name": "orders-api", "methods": ["GET"]])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["created_at"] == created["created_at"])
            #expect(replaced["etag"] != created["etag"])
            #expect(replaced["paths"] == [])
            #expect(replaced["hosts"] == [])
            #expect(replaced["headers"] == [:])
            #expect(replaced["protocols"] == ["http", "https"])
            #expect(replaced["strip_path"] == true)
            #expect(replaced["preserve_host"] == false)
            #expect(replaced["regex_priority"] == 0)
            #expect(try await gateway.get("/services/orders").expecting(200)["routes"] == ["orders-api"])
        }
    }

    @Test func anUnknownServiceGets404AndCreatesNothing() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/services/nobody/routes", Self.ordersAPI), status: 404)
            #expect(try await gateway.get("/routes").expecting(200).listData.isEmpty)
        }
    }

    @Test func aNameOfAnotherServicesRouteGets409() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createService("billing")
            let original = try await gateway.post("/services/orders/routes", Self.ordersAPI).expecting(201)
            let response = try await gateway.post("/services/billing/routes", ["name": "orders-api", "paths": ["/billing"]])
            expectProblem(response, status: 409)
            let route = try await gateway.get("/routes/orders-api").expecting(200)
            #expect(route.json == original.json)
            #expect(try await gateway.get("/services/billing").expecting(200)["routes"] == [])
        }
    }

    @Test func aRouteNeedsAtLeastOneMatchingAttribute() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let response = try await gateway.post(
                "/services/orders/routes", ["name": "orders-api", "paths": [], "protocols": ["http"]])
            expectProblem(response, status: 400, fields: ["paths"])
            for attribute: JSONValue in [["paths": ["/a"]], ["hosts": ["a.example"]], ["methods": ["GET"]], ["headers": ["x-a": ["1"]]]] {
                let body = JSONValue.object(["name": "orders-api"]).merging(attribute)
                #expect(try await gateway.post("/services/orders/routes", body).status != 400, "\(attribute)")
            }
        }
    }

    @Test func pathsMustBePrefixesOrCompilingRegularExpressions() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let response = try await gateway.post(
                "/services/orders/routes",
                ["name": "orders-api", "paths": ["/ok", "~/orders/(\\d+", "orders", "~orders/\\d+"]])
            expectProblem(response, status: 400, fields: ["paths[1]", "paths[2]", "paths[3]"])
            #expect(try await gateway.get("/routes").expecting(200).listData.isEmpty)
        }
    }

    @Test func otherInvalidFieldsAreListed() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let response = try await gateway.post(
                "/services/orders/routes",
                [
                    "name": "orders api", "paths": ["/orders"], "methods": ["get"], "protocols": ["grpc"],
                    "hosts": ["*.*.example.org"], "headers": ["host": ["a"]], "strip_path": "yes", "weight": 3,
                ])
            expectProblem(
                response, status: 400,
                fields: ["name", "methods[0]", "protocols[0]", "hosts[0]", "headers.host", "strip_path", "weight"])
        }
    }

    @Test func listAndGetShowRoutesWithTheirService() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createService("billing")
            try await gateway.createRoute("orders-api", service: "orders")
            try await gateway.createRoute("billing-api", service: "billing")
            let list = try await gateway.get("/routes").expecting(200)
            #expect(list["next"] == .null)
            let services = Dictionary(
                uniqueKeysWithValues: list.listData.compactMap { route in
                    route["name"]?.stringValue.map { ($0, route["service"]?.stringValue) }
                })
            #expect(services == ["orders-api": "orders", "billing-api": "billing"])

            let route = try await gateway.get("/routes/billing-api")
            expectEntityResponse(route, status: 200)
            #expect(route["paths"] == ["/billing-api"])
            expectProblem(try await gateway.get("/routes/unknown"), status: 404)
        }
    }

    @Test func deleteAnswers204Then404() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            #expect(try await gateway.delete("/routes/orders-api").status == 204)
            expectProblem(try await gateway.get("/routes/orders-api"), status: 404)
            expectProblem(try await gateway.delete("/routes/orders-api"), status: 404)
        }
    }
}
