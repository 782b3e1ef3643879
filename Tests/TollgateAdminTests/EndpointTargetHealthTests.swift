import Testing
import TollgateCore

/// `GET /upstreams/:name/health` and the manual `healthy` / `unhealthy` marks.
@Suite("Target health endpoints")
struct EndpointTargetHealthTests {
    @Test func anUpstreamWithUsableTargetsIsHealthy() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            let report = try await gateway.get("/upstreams/u/health")
            #expect(report.status == 200)
            #expect(report["upstream"] == "u")
            #expect(report["health"] == "HEALTHY")
            let data = try #require(report["data"]?.arrayElements)
            #expect(data.compactMap { $0["target"]?.stringValue } == ["10.0.0.5:8080", "10.0.0.6:8080"])
            for target in data {
                #expect(target["weight"] == 100)
                #expect(target["health"] == "HEALTHCHECKS_OFF")
                #expect(target["since"] == .null)
            }
            expectProblem(try await gateway.get("/upstreams/nobody/health"), status: 404)
        }
    }

    @Test func markingATargetUnhealthyDegradesItsUpstreamUntilMarkedHealthy() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            let configVersion = try await gateway.configVersion()

            let marked = try await gateway.post("/upstreams/u/targets/10.0.0.5:8080/unhealthy")
            #expect(marked.status == 200)
            #expect(marked["target"] == "10.0.0.5:8080")
            #expect(marked["health"] == "UNHEALTHY")
            #expect(marked["source"] == "manual")
            #expect(isRFC3339UTC(marked["since"]?.stringValue ?? ""))

            let degraded = try await gateway.get("/upstreams/u/health").expecting(200)
            #expect(degraded["health"] == "DEGRADED")
            let entry = degraded["data"]?.arrayElements?.first { $0["target"] == "10.0.0.5:8080" }
            #expect(entry?["health"] == "UNHEALTHY")
            #expect(entry?["source"] == "manual")
            let listed = try await gateway.get("/upstreams/u/targets").expecting(200).listData
            #expect(listed.first { $0["target"] == "10.0.0.5:8080" }?["health"] == "UNHEALTHY")

            let healed = try await gateway.post("/upstreams/u/targets/10.0.0.5:8080/healthy")
            #expect(healed.status == 200)
            #expect(healed["health"] == "HEALTHY")
            #expect(healed["source"] == "manual")
            #expect(try await gateway.get("/upstreams/u/health").expecting(200)["health"] == "HEALTHY")
            // A health mark is runtime state, not configuration.
            #expect(try await gateway.configVersion() == configVersion)
        }
    }

    @Test func anUpstreamWithNoUsableTargetIsUnhealthy() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080", "10.0.0.6:8080"])
            try await gateway.post("/upstreams/u/targets/10.0.0.5:8080/unhealthy").expecting(200)
            try await gateway.post("/upstreams/u/targets/10.0.0.6:8080/unhealthy").expecting(200)
            #expect(try await gateway.get("/upstreams/u/health").expecting(200)["health"] == "UNHEALTHY")
        }
    }

    @Test func aTargetOfWeightZeroIsOutOfRotation() async throws {
        try await withTestGateway { gateway in
            try await gateway.post(
                "/upstreams", ["name": "u", "targets": ["10.0.0.5:8080", ["target": "10.0.0.6:8080", "weight": 0]]]
            ).expecting(201)
            #expect(try await gateway.get("/upstreams/u/health").expecting(200)["health"] == "DEGRADED")
        }
    }

    @Test func markingAnUnknownTargetGets404() async throws {
        try await withTestGateway { gateway in
            try await gateway.createUpstream("u", targets: ["10.0.0.5:8080"])
            expectProblem(try await gateway.post("/upstreams/u/targets/10.0.0.9:8080/unhealthy"), status: 404)
            expectProblem(try await gateway.post("/upstreams/nobody/targets/10.0.0.5:8080/healthy"), status: 404)
        }
    }
}
