import Testing
import TollgateCore

/// An upstream's targets: upsert, weight, delete, list, IPv6 addresses in paths.
@Suite("Targets endpoints")
struct EndpointTargetTests {
    /// `[::1]:8080` percent-encoded as one path segment.
    static let encodedIPv6 = "%5B%3A%3A1%5D%3A8080"

    @Test func upsertAnswers201ThenReplacesWith200() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u")
            let created = try await gateway.post("/upstreams/u/targets", ["target": "10.0.0.5:8080", "weight": 40])
            expectEntityResponse(created, status: 201)
            #expect(created["target"] == "10.0.0.5:8080")
            #expect(created["weight"] == 40)
            #expect(created["upstream"] == "u")
            #expect(created["health"] == "HEALTHCHECKS_OFF")

            let replaced = try await gateway.post("/upstreams/u/targets", ["target": "10.0.0.5:8080"])
            expectEntityResponse(replaced, status: 200)
            #expect(replaced["id"] == created["id"])
            #expect(replaced["weight"] == 100)
            #expect(try await gateway.get("/upstreams/u").expecting(200)["targets"] == [["target": "10.0.0.5:8080", "weight": 100]])
        }
    }

    @Test func invalidTargetsAndUnknownUpstreamsAreRefused() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u")
            expectProblem(
                try await gateway.post("/upstreams/u/targets", ["target": "10.0.0.5:99999", "weight": 70000]), status: 400,
                fields: ["target", "weight"])
            expectProblem(try await gateway.post("/upstreams/u/targets", ["weight": 1]), status: 400, fields: ["target"])
            expectProblem(try await gateway.post("/upstreams/nobody/targets", ["target": "10.0.0.5:8080"]), status: 404)
            #expect(try await gateway.get("/upstreams/u/targets").expecting(200).listData.isEmpty)
        }
    }

    @Test func patchWeightAnswers200Or400Or404() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080"])
            let patched = try await gateway.patch("/upstreams/u/targets/10.0.0.5:8080/weight", ["weight": 50])
            expectEntityResponse(patched, status: 200)
            #expect(patched["weight"] == 50)
            #expect(try await gateway.get("/upstreams/u").expecting(200)["targets"] == [["target": "10.0.0.5:8080", "weight": 50]])

            let before = try await GatewayState.read(from: gateway)
            expectProblem(
                try await gateway.patch("/upstreams/u/targets/10.0.0.5:8080/weight", ["weight": 70000]), status: 400,
                fields: ["weight"])
            expectProblem(try await gateway.patch("/upstreams/u/targets/10.0.0.5:8080/weight", [:]), status: 400, fields: ["weight"])
            expectProblem(try await gateway.patch("/upstreams/u/targets/10.0.0.9:8080/weight", ["weight": 5]), status: 404)
            expectProblem(try await gateway.patch("/upstreams/nobody/targets/10.0.0.5:8080/weight", ["weight": 5]), status: 404)
            #expect(try await GatewayState.read(from: gateway) == before)

            let zero = try await gateway.patch("/upstreams/u/targets/10.0.0.5:8080/weight", ["weight": 0]).expecting(200)
            #expect(zero["weight"] == 0)
        }
    }

    @Test func deleteAnswers204Then404() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            #expect(try await gateway.delete("/upstreams/u/targets/10.0.0.5:8080").status == 204)
            expectProblem(try await gateway.delete("/upstreams/u/targets/10.0.0.5:8080"), status: 404)
            expectProblem(try await gateway.delete("/upstreams/nobody/targets/10.0.0.6:8080"), status: 404)
            #expect(try await gateway.get("/upstreams/u").expecting(200)["targets"] == [["target": "10.0.0.6:8080", "weight": 100]])
        }
    }

    @Test func anIPv6TargetIsAddressedPercentEncoded() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u")
            let created = try await gateway.post("/upstreams/u/targets", ["target": "[::1]:8080"])
            #expect(created.status == 201)
            #expect(created["target"] == "[::1]:8080")

            let patched = try await gateway.patch("/upstreams/u/targets/\(Self.encodedIPv6)/weight", ["weight": 30])
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched["weight"] == 30)
            let marked = try await gateway.post("/upstreams/u/targets/\(Self.encodedIPv6)/unhealthy")
            #expect(marked.status == 200, "\(marked.text)")
            #expect(marked["health"] == "UNHEALTHY")
            #expect(try await gateway.delete("/upstreams/u/targets/\(Self.encodedIPv6)").status == 204)
            #expect(try await gateway.get("/upstreams/u/targets").expecting(200).listData.isEmpty)
        }
    }

    @Test func theListShowsEachTargetsHealth() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            let list = try await gateway.get("/upstreams/u/targets").expecting(200)
            #expect(list.listData.count == 2)
            #expect(list["next"] == .null)
            for target in list.listData {
                expectEntityMetadata(target)
                #expect(target["health"] == "HEALTHCHECKS_OFF")
                #expect(target["upstream"] == "u")
            }
            expectProblem(try await gateway.get("/upstreams/nobody/targets"), status: 404)
        }
    }
}
