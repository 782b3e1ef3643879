import Testing
import TollgateCore

/// `POST /upstreams`, `GET /upstreams[/:name]`, `DELETE /upstreams/:name`.
@Suite("Upstreams endpoints")
struct EndpointUpstreamTests {
    @Test func createAnswers201WithDefaultsAndHealthchecks() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post(
                "/upstreams", ["name": "orders-upstream", "targets": [["target": "10.0.0.5:8080", "weight": 50], "10.0.0.6"]])
            expectEntityResponse(response, status: 201)
            #expect(response["name"] == "orders-upstream")
            #expect(response["algorithm"] == "round-robin")
            #expect(response["hash_on"] == "none")
            #expect(response["hash_on_header"] == .null)
            #expect(response["hash_on_cookie"] == .null)
            #expect(response["hash_on_cookie_path"] == "/")
            #expect(
                response["targets"] == [["target": "10.0.0.5:8080", "weight": 50], ["target": "10.0.0.6:8000", "weight": 100]])
            let checks = try #require(response["healthchecks"])
            for side in ["active", "passive"] {
                for part in ["healthy", "unhealthy"] {
                    #expect(checks[side]?[part]?["http_statuses"]?.arrayElements?.isEmpty == false, "\(side).\(part)")
                }
            }
            #expect(checks["active"]?["type"] == "http")
            #expect(checks["active"]?["timeout_s"]?.doubleValue == 1)
            #expect(checks["active"]?["concurrency"] == 10)
            #expect(checks["active"]?["healthy"]?["interval_s"]?.doubleValue == 0)
            #expect(checks["passive"]?["unhealthy"]?["tcp_failures"] == 0)
        }
    }

    @Test func healthchecksGivenInPartKeepTheOtherDefaults() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post(
                "/upstreams",
                [
                    "name": "orders-upstream",
                    "healthchecks": [
                        "active": ["http_path": "/health", "healthy": ["interval_s": 5, "successes": 2]],
                        "passive": ["unhealthy": ["http_failures": 5]],
                    ],
                ]
            ).expecting(201)
            let checks = try #require(response["healthchecks"])
            #expect(checks["active"]?["http_path"] == "/health")
            #expect(checks["active"]?["healthy"]?["interval_s"]?.doubleValue == 5)
            #expect(checks["active"]?["healthy"]?["successes"] == 2)
            #expect(checks["active"]?["healthy"]?["http_statuses"] == [200, 302])
            #expect(checks["active"]?["timeout_s"]?.doubleValue == 1)
            #expect(checks["passive"]?["unhealthy"]?["http_failures"] == 5)
            #expect(checks["passive"]?["unhealthy"]?["http_statuses"] == [429, 500, 503])
        }
    }

    @Test func replaceKeepsIdAndTargetsUnlessTargetsAreGiven() async throws {
        try await withTestGateway { gateway in
            let created = try await gateway.createUpstream("orders-upstream", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            let replaced = try await gateway.post("/upstreams", ["name": "orders-upstream", "algorithm": "least-connections"])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["created_at"] == created["created_at"])
            #expect(replaced["etag"] != created["etag"])
            #expect(replaced["algorithm"] == "least-connections")
            #expect(replaced["targets"] == created["targets"])

            let retargeted = try await gateway.post(
                "/upstreams", ["name": "orders-upstream", "targets": [["target": "10.0.0.6:8080", "weight": 7], "10.0.0.7:8080"]]
            ).expecting(200)
            #expect(retargeted["algorithm"] == "round-robin")
            #expect(
                retargeted["targets"] == [["target": "10.0.0.6:8080", "weight": 7], ["target": "10.0.0.7:8080", "weight": 100]])
            let listed = try await gateway.get("/upstreams/orders-upstream/targets").expecting(200)
            #expect(listed.listData.compactMap { $0["target"]?.stringValue } == ["10.0.0.6:8080", "10.0.0.7:8080"])

            let emptied = try await gateway.post("/upstreams", ["name": "orders-upstream", "targets": []]).expecting(200)
            #expect(emptied["targets"] == [])
        }
    }

    @Test func theNamePresetIsReserved() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/upstreams", ["name": "preset"]), status: 400, fields: ["name"])
            #expect(try await gateway.get("/upstreams").expecting(200).listData.isEmpty)
        }
    }

    @Test(arguments: [
        (["name": "u", "algorithm": "round-robin", "hash_on": "header", "hash_on_header": "X-User"] as JSONValue, ["hash_on"]),
        (["name": "u", "hash_on": "header"] as JSONValue, ["hash_on_header"]),
        (["name": "u", "algorithm": "consistent-hashing", "hash_on": "cookie"] as JSONValue, ["hash_on_cookie"]),
        (["name": "u", "hash_on_cookie": "session"] as JSONValue, ["hash_on_cookie"]),
        (["name": "u", "hash_on": "ip", "hash_on_header": "X-User"] as JSONValue, ["hash_on_header"]),
        (["name": "u", "algorithm": "random"] as JSONValue, ["algorithm"]),
        (["name": "u", "healthchecks": ["active": ["timeout_s": 0, "colour": 1]]] as JSONValue,
         ["healthchecks.active.timeout_s", "healthchecks.active.colour"]),
        (["name": "u", "targets": ["10.0.0.5:8080", "10.0.0.5:8080"]] as JSONValue, ["targets[1]"]),
        (["name": "u", "targets": [["target": "10.0.0.5:8080", "weight": 70000]]] as JSONValue, ["targets[0].weight"]),
    ])
    func inconsistentOrInvalidFieldsAreRefused(body: JSONValue, fields: [String]) async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/upstreams", body), status: 400, fields: Set(fields))
            expectProblem(try await gateway.get("/upstreams/u"), status: 404)
        }
    }

    @Test func consistentHashingOnAHeaderOrCookieIsAccepted() async throws {
        try await withTestGateway { gateway in
            let header = try await gateway.post("/upstreams", ["name": "by-header", "hash_on": "header", "hash_on_header": "X-User"])
            #expect(header.status == 201)
            #expect(header["algorithm"] == "consistent-hashing")
            let cookie = try await gateway.post(
                "/upstreams",
                ["name": "by-cookie", "algorithm": "consistent-hashing", "hash_on": "cookie", "hash_on_cookie": "session",
                 "hash_on_cookie_path": "/app"])
            #expect(cookie.status == 201)
            #expect(cookie["hash_on_cookie"] == "session")
            #expect(cookie["hash_on_cookie_path"] == "/app")
        }
    }

    @Test func listAndGetByName() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("b-upstream")
            try await gateway.createUpstream("a-upstream", targets: ["10.0.0.5:8080"])
            let list = try await gateway.get("/upstreams").expecting(200)
            #expect(Set(list.listData.compactMap { $0["name"]?.stringValue }) == ["a-upstream", "b-upstream"])
            #expect(list["next"] == .null)
            let upstream = try await gateway.get("/upstreams/a-upstream")
            expectEntityResponse(upstream, status: 200)
            #expect(upstream["targets"] == [["target": "10.0.0.5:8080", "weight": 100]])
            expectProblem(try await gateway.get("/upstreams/unknown"), status: 404)
        }
    }

    @Test func deleteAnswers204Then404() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("orders-upstream", targets: ["10.0.0.5:8080"])
            #expect(try await gateway.delete("/upstreams/orders-upstream").status == 204)
            expectProblem(try await gateway.get("/upstreams/orders-upstream"), status: 404)
            expectProblem(try await gateway.get("/upstreams/orders-upstream/targets"), status: 404)
            expectProblem(try await gateway.delete("/upstreams/orders-upstream"), status: 404)
        }
    }

    @Test func deleteIsRefusedWhileAServiceHostNamesTheUpstream() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("orders-upstream")
            try await gateway.post("/services", ["name": "orders", "host": "orders-upstream"]).expecting(201)
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.delete("/upstreams/orders-upstream"), status: 400, fields: ["name"])
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }

    @Test func deleteIsRefusedWhileACanaryUsesTheUpstream() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createUpstream("orders-v2")
            try await gateway.post("/services/orders/canary", ["upstream": "orders-v2", "percentage": 5]).expecting(201)
            let before = try await GatewayState.read(from: gateway)
            expectProblem(try await gateway.delete("/upstreams/orders-v2"), status: 400, fields: ["name"])
            #expect(try await GatewayState.read(from: gateway) == before)
            #expect(try await gateway.delete("/services/orders/canary").status == 204)
            #expect(try await gateway.delete("/upstreams/orders-v2").status == 204)
        }
    }
}
