import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("EmbeddedEngine tenant limits, canaries and mirrors")
struct EngineTrafficPoliciesTests {
    @Test("tenant limits upsert 201/200, read back, and delete; a missing one is 404")
    func tenantLimits() async throws {
        try await TemporaryEngine.with { engine in
            await #expect(throws: GatewayError.notFound("tenant 'acme' has no rate limit")) {
                try await engine.tenantRateLimit(tenant: "acme")
            }
            let created = try await engine.upsertTenantRateLimit(Fixture.tenantLimit(), tenant: "acme", ifMatch: nil)
            #expect(created.created)
            #expect(created.record.tenant == "acme")
            let replaced = try await engine.upsertTenantRateLimit(
                Fixture.tenantLimit(["minute": 10, "hour": 100]), tenant: "acme", ifMatch: created.record.entity.metadata.etag)
            #expect(!replaced.created)
            #expect(replaced.record.entity.metadata.id == created.record.entity.metadata.id)
            #expect(try await engine.tenantRateLimit(tenant: "acme").entity == replaced.record.entity)
            try await engine.deleteTenantRateLimit(tenant: "acme", ifMatch: nil)
            await #expect(throws: GatewayError.notFound("tenant 'acme' has no rate limit")) {
                try await engine.deleteTenantRateLimit(tenant: "acme", ifMatch: nil)
            }
        }
    }

    @Test("a tenant limit's service must exist, and the cluster policy needs PostgreSQL")
    func tenantLimitRefusals() async throws {
        try await TemporaryEngine.with { engine in
            await #expect(throws: GatewayError.invalid(field: "service", "names no service 'orders'")) {
                try await engine.upsertTenantRateLimit(Fixture.tenantLimit(["minute": 1, "service": "orders"]), tenant: "acme", ifMatch: nil)
            }
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            await #expect(
                throws: GatewayError.invalid(
                    field: "policy", "'cluster' needs the PostgreSQL store (--store postgres://…); this node uses SQLite")
            ) {
                try await engine.upsertTenantRateLimit(Fixture.tenantLimit(["minute": 1, "policy": "cluster"]), tenant: "acme", ifMatch: nil)
            }
            let scoped = try await engine.upsertTenantRateLimit(
                Fixture.tenantLimit(["minute": 1, "service": "orders"]), tenant: "acme", ifMatch: nil)
            #expect(scoped.record.entity.spec.service == "orders")
        }
    }

    @Test("a canary belongs to an existing service and sends traffic to an existing upstream or a URL")
    func canaries() async throws {
        try await TemporaryEngine.with { engine in
            let spec = try Fixture.canary(["upstream": "v2", "percentage": 20])
            await #expect(throws: GatewayError.notFound("service 'orders' does not exist")) {
                try await engine.upsertCanary(spec, service: "orders", ifMatch: nil)
            }
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            await #expect(throws: GatewayError.invalid(field: "upstream", "names no upstream 'v2'")) {
                try await engine.upsertCanary(spec, service: "orders", ifMatch: nil)
            }
            await #expect(throws: GatewayError.notFound("service 'orders' has no canary")) { try await engine.canary(service: "orders") }
            _ = try await engine.upsertUpstream(Fixture.upstream("v2"), ifMatch: nil)
            let created = try await engine.upsertCanary(spec, service: "orders", ifMatch: nil)
            #expect(created.created)
            #expect(created.record.service == "orders")
            #expect(created.record.currentPercentage == 20)
            let replaced = try await engine.upsertCanary(
                Fixture.canary(["url": "http://v3.internal", "percentage": 50]), service: "orders", ifMatch: nil)
            #expect(!replaced.created)
            #expect(try await engine.canary(service: "orders").currentPercentage == 50)
            try await engine.deleteCanary(service: "orders", ifMatch: replaced.record.entity.metadata.etag)
            await #expect(throws: GatewayError.notFound("service 'orders' has no canary")) {
                try await engine.deleteCanary(service: "orders", ifMatch: nil)
            }
        }
    }

    @Test("a mirror belongs to an existing route and copies to an existing upstream or a URL")
    func mirrors() async throws {
        try await TemporaryEngine.with { engine in
            let spec = try Fixture.mirror(["upstream": "shadow"])
            await #expect(throws: GatewayError.notFound("route 'api' does not exist")) {
                try await engine.upsertMirror(spec, route: "api", ifMatch: nil)
            }
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            _ = try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            await #expect(throws: GatewayError.invalid(field: "upstream", "names no upstream 'shadow'")) {
                try await engine.upsertMirror(spec, route: "api", ifMatch: nil)
            }
            _ = try await engine.upsertUpstream(Fixture.upstream("shadow"), ifMatch: nil)
            let created = try await engine.upsertMirror(spec, route: "api", ifMatch: nil)
            #expect(created.created)
            #expect(created.record.route == "api")
            let replaced = try await engine.upsertMirror(Fixture.mirror(["url": "http://copy.internal", "sample_percent": 5]), route: "api", ifMatch: nil)
            #expect(!replaced.created)
            #expect(try await engine.mirror(route: "api").entity.spec.samplePercent == 5)
            try await engine.deleteMirror(route: "api", ifMatch: nil)
            await #expect(throws: GatewayError.notFound("route 'api' has no mirror")) { try await engine.mirror(route: "api") }
        }
    }
}
