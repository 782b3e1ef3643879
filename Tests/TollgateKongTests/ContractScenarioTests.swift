import NIOHTTP1
import Testing
import TollgateCore

/// The same management API scenarios against the embedded engine and the Kong
/// engine (over the emulator): same statuses, same shapes.
@Suite("Contract scenarios on both engines")
struct ContractScenarioTests {
    static let service: JSONValue = ["name": "orders", "url": "http://orders.internal:8080/v1", "tags": ["team-a"]]

    @Test("services: 201 then 200 keeping id and created_at, listed with routes, 204 then 404", arguments: EngineUnderTest.allCases)
    func services(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let created = try await api.post("/services", Self.service)
            #expect(created.status == 201, "\(created)")
            #expect(created["host"] == "orders.internal")
            #expect(created["port"] == 8080)
            #expect(created["path"] == "/v1")
            #expect(created["retries"] == 5)
            #expect(created["tags"] == ["team-a"])
            #expect(created["routes"] == [])
            let replaced = try await api.post("/services", ["name": "orders", "host": "orders.internal"])
            #expect(replaced.status == 200, "\(replaced)")
            #expect(replaced["id"] == created["id"])
            #expect(replaced["created_at"] == created["created_at"])
            #expect(replaced["port"] == 80)
            #expect(replaced["tags"] == [])
            let list = try await api.get("/services")
            #expect(list["data"]?.arrayElements?.count == 1)
            #expect(list["next"] == .null)
            #expect(try await api.get("/services/orders")["name"] == "orders")
            #expect(try await api.delete("/services/orders").status == 204)
            #expect(try await api.delete("/services/orders").status == 404)
            #expect(try await api.get("/services/orders").status == 404)
        }
    }

    @Test("routes: 404 for an unknown service, 409 for another service's name, deleted with their service", arguments: EngineUnderTest.allCases)
    func routes(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            _ = try await api.post("/services", Self.service)
            _ = try await api.post("/services", ["name": "billing", "host": "billing.internal"])
            let route: JSONValue = ["name": "orders-api", "paths": ["/orders"], "methods": ["GET"]]
            #expect(try await api.post("/services/nothing/routes", route).status == 404)
            let created = try await api.post("/services/orders/routes", route)
            #expect(created.status == 201, "\(created)")
            #expect(created["service"] == "orders")
            #expect(created["strip_path"] == true)
            #expect(created["protocols"] == ["http", "https"])
            #expect(try await api.post("/services/orders/routes", route).status == 200)
            #expect(try await api.post("/services/billing/routes", route).status == 409)
            #expect(try await api.get("/services/orders")["routes"] == ["orders-api"])
            #expect(try await api.get("/routes/orders-api")["paths"] == ["/orders"])
            #expect(try await api.delete("/services/orders").status == 204)
            #expect(try await api.get("/routes/orders-api").status == 404)
        }
    }

    @Test("plugins: 201, 409 in the same scope, PATCH merges config, 400 for an unknown scope, 204", arguments: EngineUnderTest.allCases)
    func plugins(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            _ = try await api.post("/services", Self.service)
            let cors: JSONValue = ["name": "cors", "service": "orders", "config": ["origins": ["https://app.example.com"]]]
            let created = try await api.post("/plugins", cors)
            #expect(created.status == 201, "\(created)")
            #expect(created["service"] == "orders")
            #expect(created["enabled"] == true)
            #expect(try await api.post("/plugins", cors).status == 409)
            let unknown = try await api.post("/plugins", ["name": "cors", "service": "nothing"])
            #expect(unknown.status == 400)
            #expect(unknown.errorFields == ["service"])
            let id = try #require(created["id"]?.stringValue)
            let patched = try await api.patch("/plugins/\(id)", ["config": ["max_age": 600], "enabled": false])
            #expect(patched.status == 200, "\(patched)")
            #expect(patched["config"]?["origins"] == ["https://app.example.com"])
            #expect(patched["config"]?["max_age"] == 600)
            #expect(patched["enabled"] == false)
            #expect(try await api.get("/plugins/\(id)")["config"] == patched["config"])
            #expect(try await api.get("/plugins")["data"]?.arrayElements?.count == 1)
            #expect(try await api.delete("/plugins/\(id)").status == 204)
            #expect(try await api.get("/plugins/\(id)").status == 404)
            #expect(try await api.get("/plugins/not-a-uuid").status == 404)
        }
    }

    @Test("upstreams and targets: the target list replaced, targets upserted, weights patched, 404 for unknown targets", arguments: EngineUnderTest.allCases)
    func upstreams(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let upstream: JSONValue = [
                "name": "orders-upstream", "targets": [["target": "10.0.0.5:8080", "weight": 100], "10.0.0.6:8080"],
            ]
            let created = try await api.post("/upstreams", upstream)
            #expect(created.status == 201, "\(created)")
            #expect(created["algorithm"] == "round-robin")
            #expect(created["targets"]?.arrayElements?.count == 2)
            let replaced = try await api.post("/upstreams", ["name": "orders-upstream", "targets": ["10.0.0.7"]])
            #expect(replaced.status == 200)
            #expect(replaced["targets"] == [["target": "10.0.0.7:8000", "weight": 100]])
            #expect(try await api.post("/upstreams/orders-upstream/targets", ["target": "10.0.0.8:80"]).status == 201)
            let again = try await api.post("/upstreams/orders-upstream/targets", ["target": "10.0.0.8:80", "weight": 7])
            #expect(again.status == 200)
            #expect(again["weight"] == 7)
            let weight = try await api.patch("/upstreams/orders-upstream/targets/10.0.0.8:80/weight", ["weight": 50])
            #expect(weight.status == 200, "\(weight)")
            #expect(weight["weight"] == 50)
            #expect(weight["health"] == "HEALTHCHECKS_OFF")
            #expect(try await api.patch("/upstreams/orders-upstream/targets/10.9.9.9:80/weight", ["weight": 1]).status == 404)
            let targets = try await api.get("/upstreams/orders-upstream/targets")
            #expect(targets["data"]?.arrayElements?.count == 2)
            #expect(try await api.delete("/upstreams/orders-upstream/targets/10.0.0.8:80").status == 204)
            #expect(try await api.delete("/upstreams/orders-upstream/targets/10.0.0.8:80").status == 404)
            #expect(try await api.get("/upstreams/nothing").status == 404)
        }
    }

    @Test("hashing: hash_on header gives consistent-hashing; least-connections stays least-connections", arguments: EngineUnderTest.allCases)
    func hashing(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let sticky = try await api.post(
                "/upstreams", ["name": "sticky", "hash_on": "header", "hash_on_header": "X-User"])
            #expect(sticky["algorithm"] == "consistent-hashing")
            #expect(sticky["hash_on_header"] == "X-User")
            let least = try await api.post("/upstreams", ["name": "least", "algorithm": "least-connections"])
            #expect(least["algorithm"] == "least-connections")
            #expect(least["hash_on"] == "none")
        }
    }

    @Test("health: HEALTHCHECKS_OFF without checks; with checks a manual mark makes the upstream DEGRADED", arguments: EngineUnderTest.allCases)
    func health(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let checks: JSONValue = ["passive": ["unhealthy": ["tcp_failures": 3]]]
            _ = try await api.post("/upstreams", ["name": "u", "healthchecks": checks, "targets": ["a.internal:80", "b.internal:80"]])
            let marked = try await api.post("/upstreams/u/targets/a.internal:80/unhealthy", [:])
            #expect(marked.status == 200, "\(marked)")
            #expect(marked["health"] == "UNHEALTHY")
            let health = try await api.get("/upstreams/u/health")
            #expect(health["health"] == "DEGRADED")
            #expect(health["data"]?.arrayElements?.count == 2)
            #expect(try await api.post("/upstreams/u/targets/z.internal:80/healthy", [:]).status == 404)
        }
    }

    @Test("presets: sticky-header writes the upstream and points the service at it; 400 for an unknown service", arguments: EngineUnderTest.allCases)
    func presets(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            _ = try await api.post("/services", Self.service)
            let preset: JSONValue = ["upstream": "orders-v1", "header": "X-Session-ID", "targets": ["a:80", "b:80"], "service": "orders"]
            let created = try await api.post("/upstreams/preset/sticky-header", preset)
            #expect(created.status == 201, "\(created)")
            #expect(created["algorithm"] == "consistent-hashing")
            #expect(created["hash_on"] == "header")
            #expect(created["targets"]?.arrayElements?.count == 2)
            #expect(try await api.get("/services/orders")["host"] == "orders-v1")
            let unknown = try await api.post("/upstreams/preset/round-robin", ["upstream": "x", "service": "nothing"])
            #expect(unknown.status == 400)
            #expect(unknown.errorFields == ["service"])
            #expect(try await api.get("/upstreams/x").status == 404)
            let used = try await api.delete("/upstreams/orders-v1")
            #expect(used.status == 400)
            #expect(used.errorFields == ["name"])
        }
    }

    @Test("tenant rate limits: 201, 200, read back, 204, then 404", arguments: EngineUnderTest.allCases)
    func tenantLimits(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let limit: JSONValue = ["minute": 600, "hour": 20000, "algorithm": "fixed_window"]
            let created = try await api.post("/tenants/acme/rate-limit", limit)
            #expect(created.status == 201, "\(created)")
            #expect(created["minute"] == 600)
            #expect(created["second"] == .null)
            #expect(created["tenant"] == "acme")
            #expect(try await api.post("/tenants/acme/rate-limit", ["minute": 60, "algorithm": "fixed_window"]).status == 200)
            let read = try await api.get("/tenants/acme/rate-limit")
            #expect(read["minute"] == 60)
            #expect(read["hour"] == .null)
            #expect(read["algorithm"] == "fixed_window")
            #expect(try await api.delete("/tenants/acme/rate-limit").status == 204)
            #expect(try await api.get("/tenants/acme/rate-limit").status == 404)
        }
    }

    @Test("If-Match with a stale etag is 412; with the current one the write goes through", arguments: EngineUnderTest.allCases)
    func ifMatch(_ engine: EngineUnderTest) async throws {
        try await engine.withGateway { api in
            let created = try await api.post("/services", Self.service)
            let etag = try #require(created["etag"]?.stringValue)
            let stale = try await api.send(.POST, "/services", Self.service, headers: [("If-Match", "\"nope\"")])
            #expect(stale.status == 412)
            let fresh = try await api.send(.DELETE, "/services/orders", headers: [("If-Match", "\"\(etag)\"")])
            #expect(fresh.status == 204)
        }
    }
}
