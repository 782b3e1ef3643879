import NIOHTTP1
import Testing
import TollgateCore

/// The exact Kong calls the Kong engine makes for each operation.
@Suite("Kong engine calls")
struct KongCallTests {
    @Test("a service upsert is one PUT by name with Kong's field names")
    func serviceUpsert() async throws {
        try await withKongGateway { kong, api in
            _ = try await api.post("/services", ["name": "orders", "url": "https://orders.internal/v1", "read_timeout_ms": 1000])
            let writes = await kong.writes()
            #expect(writes.map(\.line) == ["PUT /services/orders"])
            #expect(writes.first?.body?["protocol"] == "https")
            #expect(writes.first?.body?["port"] == 443)
            #expect(writes.first?.body?["read_timeout"] == 1000)
            #expect(writes.first?.body?["path"] == "/v1")
        }
    }

    @Test("a service delete removes its routes one by one before the service")
    func serviceDeleteOrder() async throws {
        try await withKongGateway { kong, api in
            _ = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            _ = try await api.post("/services/orders/routes", ["name": "a", "paths": ["/a"]])
            _ = try await api.post("/services/orders/routes", ["name": "b", "paths": ["/b"]])
            await kong.state.clearRequests()
            #expect(try await api.delete("/services/orders").status == 204)
            let lines = await kong.writes().map(\.line)
            #expect(lines.count == 3)
            #expect(lines.prefix(2).sorted() == ["DELETE /routes/a", "DELETE /routes/b"])
            #expect(lines.last?.hasPrefix("DELETE /services/") == true)
        }
    }

    @Test("a half-way failure says what was applied and what was not, and Kong stays consistent")
    func halfWayFailure() async throws {
        var options = KongEmulatorOptions()
        options.failingRequests = ["PATCH /services/"]
        try await withKongGateway(options) { kong, api in
            _ = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            let preset = try await api.post("/upstreams/preset/round-robin", ["upstream": "u", "targets": ["a:80"], "service": "orders"])
            #expect(preset.status == 500)
            let detail = preset["detail"]?.stringValue ?? ""
            #expect(detail.contains("applied in Kong: PUT /upstreams/u, POST target a:80"), "\(detail)")
            #expect(detail.contains("not applied: PATCH /services/orders"), "\(detail)")
            #expect(try await api.get("/services/orders")["host"] == "orders.internal")
            #expect(try await api.get("/upstreams/u")["targets"]?.arrayElements?.count == 1)
            #expect(await kong.writes().last?.line.hasPrefix("PATCH /services/") == true)
        }
    }

    @Test("routes are PUT by name with the service's id")
    func routeUpsert() async throws {
        try await withKongGateway { kong, api in
            let service = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            await kong.state.clearRequests()
            _ = try await api.post("/services/orders/routes", ["name": "orders-api", "paths": ["~/orders/\\d+$"]])
            let write = try #require(await kong.writes().first)
            #expect(write.line == "PUT /routes/orders-api")
            #expect(write.body?["service"] == ["id": try #require(service["id"])])
            #expect(write.body?["paths"] == ["~/orders/\\d+$"])
        }
    }

    @Test("targets: POST when new, PATCH when present; the target sync deletes removed targets last")
    func targetCalls() async throws {
        try await withKongGateway { kong, api in
            _ = try await api.post("/upstreams", ["name": "u", "targets": ["a:80", "b:80"]])
            await kong.state.clearRequests()
            _ = try await api.post("/upstreams/u/targets", ["target": "a:80", "weight": 5])
            _ = try await api.post("/upstreams/u/targets", ["target": "c:80"])
            _ = try await api.post("/upstreams", ["name": "u", "targets": ["d:80", "a:80"]])
            let lines = await kong.writes().map(\.line)
            #expect(lines == [
                "PATCH /upstreams/u/targets/a%3A80", "POST /upstreams/u/targets", "PUT /upstreams/u",
                "POST /upstreams/u/targets", "PATCH /upstreams/u/targets/a%3A80",
                "DELETE /upstreams/u/targets/b%3A80", "DELETE /upstreams/u/targets/c%3A80",
            ])
        }
    }

    @Test("least-connections is sent without hash_on; consistent hashing with it")
    func upstreamQuirk() async throws {
        try await withKongGateway { kong, api in
            _ = try await api.post("/upstreams", ["name": "least", "algorithm": "least-connections"])
            _ = try await api.post("/upstreams", ["name": "hashed", "hash_on": "ip"])
            let writes = await kong.writes()
            #expect(writes[0].body?["hash_on"] == nil)
            #expect(writes[0].body?["algorithm"] == "least-connections")
            #expect(writes[1].body?["hash_on"] == "ip")
            #expect(writes[1].body?["algorithm"] == "consistent-hashing")
            #expect(writes[1].body?["healthchecks"]?["active"]?["timeout"] == 1)
        }
    }

    @Test("manual marks: PUT on Kong 3, POST on Kong 2.8")
    func markMethods() async throws {
        for (options, method) in [(KongEmulatorOptions(), "PUT"), (KongEmulatorOptions.kong28, "POST")] {
            try await withKongGateway(options) { kong, api in
                let checks: JSONValue = ["active": ["healthy": ["interval_s": 5]]]
                _ = try await api.post("/upstreams", ["name": "u", "healthchecks": checks, "targets": ["a:80"]])
                let marked = try await api.post("/upstreams/u/targets/a:80/healthy", [:])
                #expect(marked.status == 200, "\(marked)")
                #expect(await kong.writes().last?.line == "\(method) /upstreams/u/targets/a%3A80/healthy")
            }
        }
    }

    @Test("a mark without health checks is Kong's 400, explained")
    func markWithoutChecks() async throws {
        try await withKongGateway { _, api in
            _ = try await api.post("/upstreams", ["name": "u", "targets": ["a:80"]])
            let marked = try await api.post("/upstreams/u/targets/a:80/unhealthy", [:])
            #expect(marked.status == 400)
            #expect(marked.errorFields == ["healthchecks"])
        }
    }

    @Test("plugins are POSTed with the scope's id and Kong's config names; tenant limits become consumer plugins")
    func pluginCalls() async throws {
        try await withKongGateway { kong, api in
            let service = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            await kong.state.clearRequests()
            _ = try await api.post(
                "/plugins", ["name": "http-log", "service": "orders", "config": ["http_endpoint": "http://logs:80/in", "timeout_ms": 900]])
            _ = try await api.post("/tenants/acme/rate-limit", ["minute": 10, "service": "orders"])
            let writes = await kong.writes()
            #expect(writes.map(\.line) == ["POST /plugins", "PUT /consumers/acme", "POST /plugins"])
            #expect(writes[0].body?["service"] == ["id": try #require(service["id"])])
            #expect(writes[0].body?["config"]?["timeout"] == 900)
            #expect(writes[0].body?["config"]?["timeout_ms"] == nil)
            #expect(writes[2].body?["config"]?["limit_by"] == "consumer")
            #expect(writes[2].body?["consumer"]?["id"] != nil)
            let limit = try await api.get("/tenants/acme/rate-limit")
            #expect(limit["service"] == "orders")
            #expect(limit["algorithm"] == "fixed_window")
            #expect(try await api.get("/plugins")["data"]?.arrayElements?.count == 1)
        }
    }

    @Test("Kong's 400 field errors become errors[] of the problem document")
    func fieldErrors() async throws {
        try await withKongGateway { _, api in
            let refused = try await api.post("/plugins", ["name": "rate-limiting", "config": ["minute": 5, "limit_by": "route", "algorithm": "fixed_window"]])
            #expect(refused.status == 400, "\(refused)")
            #expect(refused.errorFields == ["config.limit_by"])
            let sliding = try await api.post("/plugins", ["name": "rate-limiting", "config": ["minute": 5]])
            #expect(sliding.status == 400)
            #expect(sliding.errorFields == ["config.algorithm"])
        }
    }

    @Test("a DB-less Kong's 405 is a problem document that says so")
    func databaseless() async throws {
        try await withKongGateway(.databaseless) { _, api in
            let refused = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            #expect(refused.status == 501)
            #expect(refused["detail"]?.stringValue?.contains("DB-less") == true)
            #expect(try await api.get("/services").status == 200)
        }
    }

    @Test("the admin token is sent as Kong-Admin-Token on every call")
    func adminToken() async throws {
        var options = KongEmulatorOptions()
        options.adminToken = "s3cret"
        try await withKongGateway(options, adminToken: "s3cret") { kong, api in
            let created = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            let requests = await kong.requests()
            #expect(created.status == 201)
            #expect(!requests.isEmpty && requests.allSatisfy { $0.adminToken == "s3cret" })
        }
        try await withKongGateway(options) { _, api in
            let refused = try await api.get("/services")
            #expect(refused.status == 500)
            #expect(refused["detail"]?.stringValue?.contains("--kong-admin-token") == true)
        }
    }

    @Test("mirrors answer 501 without a mirroring plugin, and use the named plugin when configured")
    func mirrors() async throws {
        try await withKongGateway { _, api in
            let refused = try await api.post("/routes/r/mirror", ["url": "http://shadow:80"])
            #expect(refused.status == 501)
            #expect(refused["detail"]?.stringValue?.contains("--kong-mirror-plugin") == true)
        }
        var options = KongEmulatorOptions()
        options.availablePlugins.insert("shadow-mirror")
        try await withKongGateway(options, mirrorPlugin: "shadow-mirror") { kong, api in
            _ = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            _ = try await api.post("/services/orders/routes", ["name": "r", "paths": ["/r"]])
            await kong.state.clearRequests()
            let mirror = try await api.post("/routes/r/mirror", ["url": "http://shadow:80", "sample_percent": 10])
            #expect(mirror.status == 201, "\(mirror)")
            #expect(mirror["sample_percent"] == 10)
            let write = try #require(await kong.writes().first)
            #expect(write.line == "POST /plugins")
            #expect(write.body?["name"] == "shadow-mirror")
            #expect(try await api.get("/routes/r/mirror")["url"] == "http://shadow:80")
            #expect(try await api.delete("/routes/r/mirror").status == 204)
            #expect(try await api.get("/routes/r/mirror").status == 404)
        }
    }
}
