import Testing
import TollgateCore

/// `POST /upstreams/preset/{round-robin,weighted,sticky-header,sticky-cookie,least-connections}`.
@Suite("Load-balancing preset endpoints")
struct EndpointPresetTests {
    /// One preset: its path, a body without `service`, and the upstream fields it must produce.
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String
        let body: [String: JSONValue]
        let expected: [String: JSONValue]
        var testDescription: String { kind }
    }

    static let cases: [Case] = [
        Case(
            kind: "round-robin", body: ["upstream": "u", "targets": ["a.internal:80", "b.internal:80"]],
            expected: [
                "algorithm": "round-robin", "hash_on": "none",
                "targets": [["target": "a.internal:80", "weight": 100], ["target": "b.internal:80", "weight": 100]],
            ]),
        Case(
            kind: "weighted",
            body: [
                "upstream": "u",
                "targets": [["target": "a.internal:80", "weight": 90], ["target": "b.internal:80", "weight": 10]],
            ],
            expected: [
                "algorithm": "round-robin", "hash_on": "none",
                "targets": [["target": "a.internal:80", "weight": 90], ["target": "b.internal:80", "weight": 10]],
            ]),
        Case(
            kind: "sticky-header", body: ["upstream": "u", "header": "X-Session-ID", "targets": ["a.internal:80"]],
            expected: [
                "algorithm": "consistent-hashing", "hash_on": "header", "hash_on_header": "X-Session-ID",
                "targets": [["target": "a.internal:80", "weight": 100]],
            ]),
        Case(
            kind: "sticky-cookie",
            body: ["upstream": "u", "cookie": "tollgate_sticky", "cookie_path": "/app", "targets": ["a.internal:80"]],
            expected: [
                "algorithm": "consistent-hashing", "hash_on": "cookie", "hash_on_cookie": "tollgate_sticky",
                "hash_on_cookie_path": "/app", "targets": [["target": "a.internal:80", "weight": 100]],
            ]),
        Case(
            kind: "least-connections", body: ["upstream": "u", "targets": ["a.internal:80", "b.internal:80"]],
            expected: [
                "algorithm": "least-connections", "hash_on": "none",
                "targets": [["target": "a.internal:80", "weight": 100], ["target": "b.internal:80", "weight": 100]],
            ]),
    ]

    @Test(arguments: cases)
    func aPresetUpsertsItsUpstream(preset: Case) async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let created = try await gateway.post("/upstreams/preset/\(preset.kind)", .object(preset.body))
            expectEntityResponse(created, status: 201)
            #expect(created["name"] == "u")
            for (key, value) in preset.expected {
                #expect(created[key] == value, "\(key)")
            }
            #expect(try await gateway.get("/upstreams/u").expecting(200).json == created.json)
            #expect(try await gateway.get("/services/orders").expecting(200)["host"] == "backend.internal")

            let again = try await gateway.post("/upstreams/preset/\(preset.kind)", .object(preset.body))
            #expect(again.status == 200)
            #expect(again["id"] == created["id"])
        }
    }

    @Test(arguments: cases)
    func aPresetWithAServicePointsTheServiceAtTheUpstream(preset: Case) async throws {
        try await withTestGateway { gateway in
            let service = try await gateway.createService("orders")
            var body = preset.body
            body["service"] = "orders"
            let created = try await gateway.post("/upstreams/preset/\(preset.kind)", .object(body))
            #expect(created.status == 201)
            let updated = try await gateway.get("/services/orders").expecting(200)
            #expect(updated["host"] == "u")
            #expect(updated["id"] == service["id"])
            #expect(updated["port"] == service["port"])
            #expect(updated["etag"] != service["etag"])
        }
    }

    @Test(arguments: cases)
    func aServiceNamingNoServiceWritesNothing(preset: Case) async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            let before = try await GatewayState.read(from: gateway)
            var body = preset.body
            body["service"] = "nobody"
            expectProblem(try await gateway.post("/upstreams/preset/\(preset.kind)", .object(body)), status: 400, fields: ["service"])
            expectProblem(try await gateway.get("/upstreams/u"), status: 404)
            #expect(try await GatewayState.read(from: gateway) == before)
        }
    }

    @Test func presetBodiesAreValidated() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.post("/upstreams/preset/round-robin", ["targets": ["a:80"]]), status: 400, fields: ["upstream"])
            expectProblem(
                try await gateway.post("/upstreams/preset/round-robin", ["upstream": "preset"]), status: 400, fields: ["upstream"])
            expectProblem(
                try await gateway.post("/upstreams/preset/weighted", ["upstream": "u", "targets": ["a.internal:80"]]),
                status: 400, fields: ["targets[0]"])
            expectProblem(
                try await gateway.post("/upstreams/preset/sticky-header", ["upstream": "u"]), status: 400, fields: ["header"])
            expectProblem(
                try await gateway.post("/upstreams/preset/least-connections", ["upstream": "u", "algorithm": "round-robin"]),
                status: 400, fields: ["algorithm"])
            #expect(try await gateway.get("/upstreams").expecting(200).listData.isEmpty)
        }
    }

    @Test func stickyCookieDefaultsItsCookie() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post("/upstreams/preset/sticky-cookie", ["upstream": "u"]).expecting(201)
            #expect(response["hash_on_cookie"] == "tollgate_sticky")
            #expect(response["hash_on_cookie_path"] == "/")
            #expect(response["targets"] == [])
        }
    }
}
