import NIOHTTP1
import Testing
import TollgateCore

/// Each Kong rule the emulator reproduces, checked against the emulator directly.
@Suite("Kong emulator rules")
struct EmulatorRuleTests {
    @Test("PUT upserts by name and replaces the entity: defaults come back, id and created_at stay")
    func putReplaces() async throws {
        try await withKongEmulator { kong in
            let first = try await kong.call(.PUT, "/services/orders", ["host": "a.internal", "retries": 9])
            #expect(first.status == 200)
            let second = try await kong.call(.PUT, "/services/orders", ["host": "b.internal"])
            #expect(second.status == 200)
            #expect(second.body?["id"] == first.body?["id"])
            #expect(second.body?["created_at"] == first.body?["created_at"])
            #expect(second.body?["retries"] == 5)
            #expect(second.body?["host"] == "b.internal")
        }
    }

    @Test("PATCH merges, and answers 404 when the entity is absent")
    func patch() async throws {
        try await withKongEmulator { kong in
            #expect(try await kong.call(.PATCH, "/services/none", ["retries": 1]).status == 404)
            _ = try await kong.call(.PUT, "/services/orders", ["host": "a.internal", "retries": 9])
            let patched = try await kong.call(.PATCH, "/services/orders", ["port": 8080])
            #expect(patched.status == 200)
            #expect(patched.body?["retries"] == 9)
            #expect(patched.body?["port"] == 8080)
        }
    }

    @Test("POST creates (201); a duplicate unique key is 409 with Kong's error body")
    func postDuplicate() async throws {
        try await withKongEmulator { kong in
            #expect(try await kong.call(.POST, "/upstreams", ["name": "u"]).status == 201)
            let duplicate = try await kong.call(.POST, "/upstreams", ["name": "u"])
            #expect(duplicate.status == 409)
            #expect(duplicate.body?["name"] == "unique constraint violation")
            #expect(duplicate.body?["code"] == 5)
        }
    }

    @Test("DELETE answers 204, also when the entity does not exist; GET of it is 404 with {message: Not found}")
    func deleteAbsent() async throws {
        try await withKongEmulator { kong in
            #expect(try await kong.call(.DELETE, "/services/none").status == 204)
            let missing = try await kong.call(.GET, "/services/none")
            #expect(missing.status == 404)
            #expect(missing.body == ["message": "Not found"])
        }
    }

    @Test("a schema violation is 400 with code 2, name and fields")
    func schemaViolation() async throws {
        try await withKongEmulator { kong in
            let answer = try await kong.call(.PUT, "/services/orders", ["host": "a", "port": 70000, "colour": "red"])
            #expect(answer.status == 400)
            #expect(answer.body?["name"] == "schema violation")
            #expect(answer.body?["code"] == 2)
            #expect(answer.body?["fields"]?["port"] == "value should be between 0 and 65535")
            #expect(answer.body?["fields"]?["colour"] == "unknown field")
        }
    }

    @Test("a service with routes cannot be deleted (foreign key); deleting a route deletes its plugins")
    func foreignKeys() async throws {
        try await withKongEmulator { kong in
            let service = try await kong.call(.PUT, "/services/orders", ["host": "a.internal"])
            let id = try #require(service.body?["id"])
            _ = try await kong.call(.PUT, "/routes/r", ["paths": ["/r"], "service": ["id": id]])
            let route = try #require(try await kong.call(.GET, "/routes/r").body?["id"])
            #expect(try await kong.call(.POST, "/plugins", ["name": "cors", "route": ["id": route]]).status == 201)
            #expect(try await kong.call(.DELETE, "/services/orders").status == 400)
            #expect(try await kong.call(.DELETE, "/routes/r").status == 204)
            #expect(try await kong.call(.GET, "/plugins").body?["data"]?.arrayElements?.isEmpty == true)
            #expect(try await kong.call(.DELETE, "/services/orders").status == 204)
        }
    }

    @Test("targets: POST creates (port 8000 by default), a second POST is 409, PATCH changes weight, PATCH of an absent target is 404")
    func targets() async throws {
        try await withKongEmulator { kong in
            _ = try await kong.call(.PUT, "/upstreams/u", [:])
            let created = try await kong.call(.POST, "/upstreams/u/targets", ["target": "10.0.0.1"])
            #expect(created.status == 201)
            #expect(created.body?["target"] == "10.0.0.1:8000")
            #expect(created.body?["weight"] == 100)
            #expect(try await kong.call(.POST, "/upstreams/u/targets", ["target": "10.0.0.1:8000"]).status == 409)
            let patched = try await kong.call(.PATCH, "/upstreams/u/targets/10.0.0.1:8000", ["weight": 5])
            #expect(patched.status == 200)
            #expect(patched.body?["weight"] == 5)
            #expect(try await kong.call(.PATCH, "/upstreams/u/targets/10.0.0.2:80", ["weight": 5]).status == 404)
        }
    }

    @Test("hash_on other than none forces consistent-hashing; hash_on none forces round-robin")
    func hashOnQuirk() async throws {
        try await withKongEmulator { kong in
            let hashed = try await kong.call(.PUT, "/upstreams/u", ["algorithm": "round-robin", "hash_on": "ip"])
            #expect(hashed.body?["algorithm"] == "consistent-hashing")
            let none = try await kong.call(.PUT, "/upstreams/u", ["algorithm": "least-connections", "hash_on": "none"])
            #expect(none.body?["algorithm"] == "round-robin")
            let least = try await kong.call(.PUT, "/upstreams/u", ["algorithm": "least-connections"])
            #expect(least.body?["algorithm"] == "least-connections")
        }
    }

    @Test("health: HEALTHCHECKS_OFF without checks, and a manual mark is 400 no healthchecker found")
    func healthOff() async throws {
        try await withKongEmulator { kong in
            _ = try await kong.call(.PUT, "/upstreams/u", [:])
            _ = try await kong.call(.POST, "/upstreams/u/targets", ["target": "a:80"])
            let health = try await kong.call(.GET, "/upstreams/u/health")
            #expect(health.body?["data"]?.arrayElements?.first?["health"] == "HEALTHCHECKS_OFF")
            let mark = try await kong.call(.PUT, "/upstreams/u/targets/a:80/unhealthy")
            #expect(mark.status == 400)
            #expect(mark.body?["message"]?.stringValue?.contains("no healthchecker found") == true)
        }
    }

    @Test("manual marks are PUT on Kong 3 and POST on Kong 2.8 (the other method is 405)")
    func markMethods() async throws {
        let checks: JSONValue = ["passive": ["unhealthy": ["tcp_failures": 3]]]
        try await withKongEmulator { kong in
            _ = try await kong.call(.PUT, "/upstreams/u", ["healthchecks": checks])
            _ = try await kong.call(.POST, "/upstreams/u/targets", ["target": "a:80"])
            #expect(try await kong.call(.POST, "/upstreams/u/targets/a:80/unhealthy").status == 405)
            #expect(try await kong.call(.PUT, "/upstreams/u/targets/a:80/unhealthy").status == 204)
            let health = try await kong.call(.GET, "/upstreams/u/health")
            #expect(health.body?["data"]?.arrayElements?.first?["health"] == "UNHEALTHY")
        }
        try await withKongEmulator(.kong28) { kong in
            _ = try await kong.call(.PUT, "/upstreams/u", ["healthchecks": checks])
            _ = try await kong.call(.POST, "/upstreams/u/targets", ["target": "a:80"])
            #expect(try await kong.call(.PUT, "/upstreams/u/targets/a:80/healthy").status == 405)
            #expect(try await kong.call(.POST, "/upstreams/u/targets/a:80/healthy").status == 204)
        }
    }

    @Test("a plugin is unique per (name, route, service, consumer)")
    func pluginUniqueness() async throws {
        try await withKongEmulator { kong in
            let service = try #require(try await kong.call(.PUT, "/services/s", ["host": "a"]).body?["id"])
            #expect(try await kong.call(.POST, "/plugins", ["name": "cors"]).status == 201)
            #expect(try await kong.call(.POST, "/plugins", ["name": "cors", "service": ["id": service]]).status == 201)
            #expect(try await kong.call(.POST, "/plugins", ["name": "cors", "service": ["id": service]]).status == 409)
            #expect(try await kong.call(.POST, "/plugins", ["name": "cors"]).status == 409)
        }
    }

    @Test("DB-less Kong answers 405 to every write and serves reads")
    func databaseless() async throws {
        try await withKongEmulator(.databaseless) { kong in
            let write = try await kong.call(.PUT, "/services/s", ["host": "a"])
            let read = try await kong.call(.GET, "/services")
            let root = try await kong.call(.GET, "/")
            #expect(write.status == 405)
            #expect(read.status == 200)
            #expect(root.body?["configuration"]?["database"] == "off")
        }
    }

    @Test("GET / gives version and edition; GET /status database reachability")
    func rootAndStatus() async throws {
        try await withKongEmulator(.enterprise) { kong in
            let root = try await kong.call(.GET, "/")
            #expect(root.body?["edition"] == "enterprise")
            #expect(root.body?["plugins"]?["available_on_server"]?["canary"] == true)
            #expect(try await kong.call(.GET, "/status").body?["database"]?["reachable"] == true)
        }
    }

    @Test("with an admin token configured, a call without Kong-Admin-Token is 401")
    func adminToken() async throws {
        var options = KongEmulatorOptions()
        options.adminToken = "s3cret"
        try await withKongEmulator(options) { kong in
            let refused = try await kong.call(.GET, "/services")
            let accepted = try await kong.call(.GET, "/services", headers: [("Kong-Admin-Token", "s3cret")])
            #expect(refused.status == 401)
            #expect(accepted.status == 200)
        }
    }

    @Test("every request is recorded with method, path and body")
    func recording() async throws {
        try await withKongEmulator { kong in
            _ = try await kong.call(.PUT, "/services/s", ["host": "a"])
            let requests = await kong.requests()
            #expect(requests.map(\.line) == ["PUT /services/s"])
            #expect(requests.first?.body == ["host": "a"])
        }
    }
}
