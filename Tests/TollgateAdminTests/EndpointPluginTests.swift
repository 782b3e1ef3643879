import Foundation
import Testing
import TollgateCore

/// `POST /plugins`, `PATCH`/`GET`/`DELETE /plugins/:id`, `GET /plugins`.
@Suite("Plugins endpoints")
struct EndpointPluginTests {
    @Test func createAnswers201WithDefaultsAppliedToConfig() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post("/plugins", ["name": "rate-limiting", "config": ["minute": 10]])
            expectEntityResponse(response, status: 201)
            #expect(response["name"] == "rate-limiting")
            #expect(response["service"] == .null)
            #expect(response["route"] == .null)
            #expect(response["enabled"] == true)
            #expect(
                response["config"] == [
                    "second": nil, "minute": 10, "hour": nil, "day": nil, "limit_by": "ip", "header_name": nil,
                    "algorithm": "sliding_window",
                ])

            let correlation = try await gateway.post("/plugins", ["name": "correlation-id"]).expecting(201)
            #expect(correlation["config"] == ["header_name": "X-Request-ID", "generator": "uuid", "echo_downstream": true])
        }
    }

    @Test func theSameNameInTheSameScopeGets409() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            let scopes: [JSONValue] = [[:], ["service": "orders"], ["route": "orders-api"]]
            for scope in scopes {
                let body = JSONValue.object(["name": "cors"]).merging(scope)
                try await gateway.post("/plugins", body).expecting(201)
                let before = try await GatewayState.read(from: gateway)
                expectProblem(try await gateway.post("/plugins", body), status: 409)
                #expect(try await GatewayState.read(from: gateway) == before, "scope \(scope)")
            }
            #expect(try await gateway.get("/plugins").expecting(200).listData.count == 3)
        }
    }

    @Test func aScopeMustNameAnExistingServiceOrRoute() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/plugins", ["name": "cors", "service": "nobody"]), status: 400, fields: ["service"])
            expectProblem(try await gateway.post("/plugins", ["name": "cors", "route": "nowhere"]), status: 400, fields: ["route"])
            #expect(try await gateway.get("/plugins").expecting(200).listData.isEmpty)
        }
    }

    @Test func anUnknownPluginOrConfigKeyIsRefused() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/plugins", ["name": "teleport"]), status: 400, fields: ["name"])
            expectProblem(
                try await gateway.post("/plugins", ["name": "cors", "config": ["xyz": 1]]), status: 400, fields: ["config.xyz"])
            expectProblem(
                try await gateway.post("/plugins", ["name": "rate-limiting", "config": ["minute": 0, "limit_by": "moon"]]),
                status: 400, fields: ["config.minute", "config.limit_by"])
            #expect(try await gateway.get("/plugins").expecting(200).listData.isEmpty)
        }
    }

    @Test func patchMergesConfigKeyByKeyAndTogglesEnabled() async throws {
        try await withTestGateway { gateway in
            let id = try await gateway.createPlugin(
                ["name": "cors", "config": ["origins": ["https://app.example.com"], "credentials": true]])
            let created = try await gateway.get("/plugins/\(id)").expecting(200)

            let merged = try await gateway.patch("/plugins/\(id)", ["config": ["max_age": 600]])
            expectEntityResponse(merged, status: 200)
            #expect(merged["id"] == created["id"])
            #expect(merged["etag"] != created["etag"])
            #expect(merged["config"]?["origins"] == ["https://app.example.com"])
            #expect(merged["config"]?["credentials"] == true)
            #expect(merged["config"]?["max_age"] == 600)
            #expect(merged["enabled"] == true)

            let disabled = try await gateway.patch("/plugins/\(id)", ["enabled": false]).expecting(200)
            #expect(disabled["enabled"] == false)
            #expect(disabled["config"] == merged["config"])
            let enabled = try await gateway.patch("/plugins/\(id)", ["enabled": true]).expecting(200)
            #expect(enabled["enabled"] == true)
            #expect(try await gateway.get("/plugins/\(id)").expecting(200).json == enabled.json)
        }
    }

    @Test(arguments: [
        (["config": ["credentials": "yes"]] as JSONValue, "config.credentials"),
        (["config": ["xyz": 1]] as JSONValue, "config.xyz"),
        (["config": "everything"] as JSONValue, "config"),
        (["name": "jwt"] as JSONValue, "name"),
        (["service": "orders"] as JSONValue, "service"),
        (["enabled": "no"] as JSONValue, "enabled"),
        (["colour": "blue"] as JSONValue, "colour"),
    ])
    func anInvalidPatchIsRefusedAndChangesNothing(patch: JSONValue, field: String) async throws {
        try await withTestGateway { gateway in
            let id = try await gateway.createPlugin(["name": "cors", "config": ["credentials": true]])
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.patch("/plugins/\(id)", patch), status: 400, fields: [field])
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }

    @Test func getListAndDeleteById() async throws {
        try await withTestGateway { gateway in
            let cors = try await gateway.createPlugin(["name": "cors"])
            let prometheus = try await gateway.createPlugin(["name": "prometheus"])
            let fetched = try await gateway.get("/plugins/\(cors)")
            expectEntityResponse(fetched, status: 200)
            #expect(fetched["name"] == "cors")
            let list = try await gateway.get("/plugins").expecting(200)
            #expect(Set(list.listData.compactMap { $0["id"]?.stringValue }) == [cors, prometheus])
            #expect(list["next"] == .null)

            let deleted = try await gateway.delete("/plugins/\(cors)")
            #expect(deleted.status == 204)
            expectProblem(try await gateway.get("/plugins/\(cors)"), status: 404)
            expectProblem(try await gateway.delete("/plugins/\(cors)"), status: 404)
            #expect(try await gateway.get("/plugins").expecting(200).listData.count == 1)
        }
    }

    @Test(arguments: [UUID().uuidString.lowercased(), "not-a-uuid"])
    func anUnknownOrMalformedIdGets404(id: String) async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.get("/plugins/\(id)"), status: 404)
            expectProblem(try await gateway.patch("/plugins/\(id)", ["enabled": false]), status: 404)
            expectProblem(try await gateway.delete("/plugins/\(id)"), status: 404)
        }
    }
}
