import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("EmbeddedEngine services and routes")
struct EngineServicesTests {
    @Test("an upsert creates (201) then replaces (200), keeping id and created_at and changing the etag")
    func upsertKeepsIdentity() async throws {
        try await TemporaryEngine.with { engine in
            let created = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            #expect(created.created)
            let replaced = try await engine.upsertService(Fixture.service("orders", host: "other.internal"), ifMatch: nil)
            #expect(!replaced.created)
            let before = created.record.entity.metadata
            let after = replaced.record.entity.metadata
            #expect(after.id == before.id)
            #expect(after.createdAt == before.createdAt)
            #expect(after.updatedAt >= before.updatedAt)
            #expect(after.etag != before.etag)
            #expect(try await engine.service(named: "orders").entity == replaced.record.entity)
        }
    }

    @Test("If-Match: the current etag passes, another fails with 412, and on a new entity only absence passes")
    func ifMatch() async throws {
        try await TemporaryEngine.with { engine in
            await #expect(throws: GatewayError.preconditionFailed("If-Match was given but the entity does not exist")) {
                try await engine.upsertService(Fixture.service("orders"), ifMatch: "\"1\"")
            }
            let etag = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil).record.entity.metadata.etag
            await #expect(throws: GatewayError.self) {
                try await engine.upsertService(Fixture.service("orders"), ifMatch: "\"stale\"")
            }
            await #expect(throws: GatewayError.self) { try await engine.deleteService(named: "orders", ifMatch: "stale") }
            let replaced = try await engine.upsertService(Fixture.service("orders"), ifMatch: "\"\(etag)\"")
            try await engine.deleteService(named: "orders", ifMatch: replaced.record.entity.metadata.etag)
            await #expect(throws: GatewayError.notFound("service 'orders' does not exist")) {
                try await engine.service(named: "orders")
            }
        }
    }

    @Test("a service shows its routes' names sorted and its canary with the current percentage")
    func serviceRecordCarriesRoutesAndCanary() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            for name in ["zeta", "alpha", "mid"] {
                _ = try await engine.upsertRoute(Fixture.route(name), service: "orders", ifMatch: nil)
            }
            _ = try await engine.upsertCanary(
                Fixture.canary(["url": "http://v2.internal", "percentage": 10, "steps": ["increment": 10, "interval_s": 3600]]),
                service: "orders", ifMatch: nil)
            let record = try await engine.service(named: "orders")
            #expect(record.routes == ["alpha", "mid", "zeta"])
            #expect(record.canary?.currentPercentage == 10)
            #expect(record.json.objectValue?["canary"]?.objectValue?["percentage"] == 10)
            let listed = try await engine.listServices(PageRequest())
            #expect(listed.data.map(\.routes) == [["alpha", "mid", "zeta"]])
            #expect(listed.data.first?.canary != nil)
        }
    }

    @Test("services are listed by name in pages linked by cursors")
    func pagingServices() async throws {
        try await TemporaryEngine.with { engine in
            let names = ["e", "c", "a", "d", "b"]
            for name in names { _ = try await engine.upsertService(Fixture.service(name), ifMatch: nil) }
            var cursor: String?
            var seen: [[String]] = []
            for _ in 0..<5 {
                let page = try await engine.listServices(PageRequest(size: 2, cursor: cursor))
                seen.append(page.data.map(\.entity.spec.name))
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(seen == [["a", "b"], ["c", "d"], ["e"]])
        }
    }

    @Test("deleting a service deletes its routes, canary, mirrors, scoped plugins and tenant limits — nothing else")
    func deleteServiceCascades() async throws {
        try await TemporaryEngine.with { engine in
            for service in ["orders", "billing"] {
                _ = try await engine.upsertService(Fixture.service(service), ifMatch: nil)
                _ = try await engine.upsertRoute(Fixture.route("\(service)-api"), service: service, ifMatch: nil)
                _ = try await engine.upsertMirror(Fixture.mirror(["url": "http://shadow.internal"]), route: "\(service)-api", ifMatch: nil)
                _ = try await engine.upsertCanary(Fixture.canary(["url": "http://v2.internal", "percentage": 5]), service: service, ifMatch: nil)
                _ = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "service": .string(service)]))
                _ = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "route": .string("\(service)-api")]))
                _ = try await engine.upsertTenantRateLimit(
                    Fixture.tenantLimit(["minute": 60, "service": .string(service)]), tenant: "tenant-\(service)", ifMatch: nil)
            }
            let global = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id"]))

            try await engine.deleteService(named: "orders", ifMatch: nil)

            let config = try await engine.configuration()
            #expect(config.services.map(\.spec.name) == ["billing"])
            #expect(config.routes.map(\.entity.spec.name) == ["billing-api"])
            #expect(config.mirrors.map(\.owner.name) == ["billing-api"])
            #expect(config.canaries.map(\.owner.name) == ["billing"])
            #expect(config.plugins.count == 3)
            #expect(config.plugins.contains { $0.metadata.id == global.entity.metadata.id })
            #expect(!config.plugins.contains { $0.spec.service == "orders" || $0.spec.route == "orders-api" })
            #expect(config.tenantRateLimits.map(\.tenant) == ["tenant-billing"])
            await #expect(throws: GatewayError.notFound("route 'orders-api' does not exist")) {
                try await engine.route(named: "orders-api")
            }
            await #expect(throws: GatewayError.notFound("service 'orders' does not exist")) {
                try await engine.deleteService(named: "orders", ifMatch: nil)
            }
        }
    }

    @Test("a route is created under an existing service only, and its name cannot move to another service")
    func routeOwnership() async throws {
        try await TemporaryEngine.with { engine in
            await #expect(throws: GatewayError.notFound("service 'orders' does not exist")) {
                try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            }
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            _ = try await engine.upsertService(Fixture.service("billing"), ifMatch: nil)
            let created = try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            #expect(created.created)
            #expect(created.record.service == "orders")
            let replaced = try await engine.upsertRoute(Fixture.route("api", path: "/v2"), service: "orders", ifMatch: nil)
            #expect(!replaced.created)
            #expect(replaced.record.entity.metadata.id == created.record.entity.metadata.id)
            #expect(replaced.record.entity.spec.paths == ["/v2"])

            await #expect {
                try await engine.upsertRoute(Fixture.route("api"), service: "billing", ifMatch: nil)
            } throws: { error in
                guard case GatewayError.conflict(let message) = error else { return false }
                return message.contains("belongs to service 'orders'")
            }
            #expect(try await engine.route(named: "api").service == "orders")
        }
    }

    @Test("routes are listed by name with their service, in pages")
    func pagingRoutes() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            for name in ["r3", "r1", "r2"] {
                _ = try await engine.upsertRoute(Fixture.route(name), service: "orders", ifMatch: nil)
            }
            let first = try await engine.listRoutes(PageRequest(size: 2))
            #expect(first.data.map(\.entity.spec.name) == ["r1", "r2"])
            #expect(first.data.allSatisfy { $0.service == "orders" })
            let second = try await engine.listRoutes(PageRequest(size: 2, cursor: first.nextCursor))
            #expect(second.data.map(\.entity.spec.name) == ["r3"])
            #expect(second.nextCursor == nil)
        }
    }

    @Test("deleting a route deletes its mirror and the plugins scoped to it")
    func deleteRouteCascades() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            _ = try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            _ = try await engine.upsertMirror(Fixture.mirror(["url": "http://shadow.internal"]), route: "api", ifMatch: nil)
            _ = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "route": "api"]))
            let servicePlugin = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "service": "orders"]))

            try await engine.deleteRoute(named: "api", ifMatch: nil)

            let config = try await engine.configuration()
            #expect(config.routes.isEmpty)
            #expect(config.mirrors.isEmpty)
            #expect(config.plugins.map(\.metadata.id) == [servicePlugin.entity.metadata.id])
            #expect(try await engine.service(named: "orders").routes.isEmpty)
        }
    }
}
