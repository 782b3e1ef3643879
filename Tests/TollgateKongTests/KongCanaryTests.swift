import NIOHTTP1
import Testing
import TollgateCore

/// Canaries on Kong: target weights on Kong OSS, the `canary` plugin on Kong Enterprise.
@Suite("Kong engine canaries")
struct KongCanaryTests {
    /// A service on upstream `stable` (a, b at 100) and an upstream `v2` (c).
    private func seed(_ api: AdminGateway) async throws {
        _ = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
        _ = try await api.post("/upstreams/preset/weighted", [
            "upstream": "stable", "service": "orders",
            "targets": [["target": "a:80", "weight": 100], ["target": "b:80", "weight": 100]],
        ])
        _ = try await api.post("/upstreams", ["name": "v2", "targets": ["c:80"]])
    }

    @Test("Kong OSS: weights shifted in the service's upstream, then restored when the canary goes")
    func weights() async throws {
        try await withKongGateway { kong, api in
            try await seed(api)
            let canary = try await api.post("/services/orders/canary", ["upstream": "v2", "percentage": 10])
            #expect(canary.status == 201, "\(canary)")
            #expect(canary["percentage"] == 10)
            #expect(canary["implementation"]?.stringValue?.hasPrefix("kong-target-weights") == true)
            let weights = try await api.get("/upstreams/stable")["targets"]
            #expect(weights == [
                ["target": "a:80", "weight": 90], ["target": "b:80", "weight": 90], ["target": "c:80", "weight": 20],
            ])
            #expect(try await api.get("/services/orders")["canary"]?["upstream"] == "v2")
            #expect(try await api.post("/services/orders/canary", ["upstream": "v2", "percentage": 50]).status == 200)
            #expect(try await api.get("/upstreams/stable")["targets"]?.arrayElements?.last?["weight"] == 100)
            await kong.state.clearRequests()
            #expect(try await api.delete("/services/orders/canary").status == 204)
            #expect(try await api.get("/upstreams/stable")["targets"] == [
                ["target": "a:80", "weight": 100], ["target": "b:80", "weight": 100],
            ])
            let lines = await kong.writes().map(\.line)
            #expect(lines.last?.hasPrefix("PATCH /services/") == true)
            #expect(lines.firstIndex { $0.hasPrefix("DELETE") }! > lines.firstIndex { $0.hasPrefix("PATCH /upstreams") }!)
            #expect(try await api.get("/services/orders/canary").status == 404)
        }
    }

    @Test("Kong OSS: a service that points at no upstream cannot take a canary (400); steps are refused")
    func weightsNeedAnUpstream() async throws {
        try await withKongGateway { _, api in
            _ = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            _ = try await api.post("/upstreams", ["name": "v2", "targets": ["c:80"]])
            let refused = try await api.post("/services/orders/canary", ["upstream": "v2", "percentage": 10])
            #expect(refused.status == 400)
            #expect(refused.errorFields == ["upstream"])
            let steps = try await api.post(
                "/services/orders/canary", ["upstream": "v2", "percentage": 10, "steps": ["increment": 10, "interval_s": 60]])
            #expect(steps.errorFields == ["steps"])
        }
    }

    @Test("Kong Enterprise: the canary plugin on the service")
    func enterprisePlugin() async throws {
        try await withKongGateway(.enterprise) { kong, api in
            try await seed(api)
            await kong.state.clearRequests()
            let canary = try await api.post(
                "/services/orders/canary",
                ["upstream": "v2", "percentage": 25, "hash_on": "header", "hash_on_header": "X-User-ID"])
            #expect(canary.status == 201, "\(canary)")
            #expect(canary["implementation"] == "kong-enterprise-canary-plugin")
            let plugin = try #require(await kong.writes().first)
            #expect(plugin.line == "POST /plugins")
            #expect(plugin.body?["name"] == "canary")
            #expect(plugin.body?["config"]?["percentage"] == 25)
            #expect(plugin.body?["config"]?["upstream_host"] == "v2")
            #expect(plugin.body?["config"]?["hash"] == "header")
            #expect(plugin.body?["config"]?["hash_header"] == "X-User-ID")
            #expect(plugin.body?["config"]?["canary_by_header_name"] == "X-Canary")
            #expect(try await api.delete("/services/orders/canary").status == 204)
            #expect(await kong.writes().contains { $0.line.hasPrefix("DELETE /plugins/") })
        }
    }
}
