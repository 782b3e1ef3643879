import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("EmbeddedEngine plugins")
struct EnginePluginsTests {
    @Test("one plugin of a name per scope: global, per service and per route are separate scopes")
    func uniquenessPerScope() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            _ = try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            let bodies: [JSONValue] = [
                ["name": "correlation-id"], ["name": "correlation-id", "service": "orders"],
                ["name": "correlation-id", "route": "api"],
            ]
            for body in bodies {
                let created = try await engine.createPlugin(Fixture.plugin(body))
                let id = created.entity.metadata.id.uuidString.lowercased()
                await #expect {
                    try await engine.createPlugin(Fixture.plugin(body))
                } throws: { error in
                    guard case GatewayError.conflict(let message) = error else { return false }
                    return message.contains("plugin 'correlation-id' already exists") && message.contains(id)
                }
            }
            let disabled = try await engine.updatePlugin(
                id: engine.listPlugins(PageRequest()).data[0].entity.metadata.id.uuidString, patch: ["enabled": false],
                ifMatch: nil)
            #expect(!disabled.entity.spec.enabled)
            await #expect(throws: GatewayError.self) { try await engine.createPlugin(Fixture.plugin(bodies[0])) }
            #expect(try await engine.listPlugins(PageRequest()).data.count == 3)
        }
    }

    @Test("the scope must name an existing service or route (400 on that field)")
    func scopeReferences() async throws {
        try await TemporaryEngine.with { engine in
            await #expect(throws: GatewayError.invalid(field: "service", "names no service 'nope'")) {
                try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "service": "nope"]))
            }
            await #expect(throws: GatewayError.invalid(field: "route", "names no route 'nope'")) {
                try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "route": "nope"]))
            }
            let plugins = try await engine.listPlugins(PageRequest())
            #expect(plugins.data.isEmpty)
        }
    }

    @Test("an id that is not a UUID, or names no plugin, is a 404")
    func unknownIDs() async throws {
        try await TemporaryEngine.with { engine in
            for id in ["not-a-uuid", UUID().uuidString] {
                await #expect(throws: GatewayError.notFound("plugin '\(id)' does not exist")) { try await engine.plugin(id: id) }
                await #expect(throws: GatewayError.notFound("plugin '\(id)' does not exist")) {
                    try await engine.updatePlugin(id: id, patch: ["enabled": false], ifMatch: nil)
                }
                await #expect(throws: GatewayError.notFound("plugin '\(id)' does not exist")) {
                    try await engine.deletePlugin(id: id, ifMatch: nil)
                }
            }
        }
    }

    @Test("PATCH merges config key by key, toggles enabled, keeps the id, honours If-Match")
    func patching() async throws {
        try await TemporaryEngine.with { engine in
            let created = try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "config": ["header_name": "X-Trace"]]))
            let id = created.entity.metadata.id.uuidString
            await #expect(throws: GatewayError.self) {
                try await engine.updatePlugin(id: id, patch: ["enabled": false], ifMatch: "\"nope\"")
            }
            let patched = try await engine.updatePlugin(
                id: id, patch: ["config": ["echo_downstream": false], "enabled": false], ifMatch: created.entity.metadata.etag)
            #expect(patched.entity.metadata.id == created.entity.metadata.id)
            #expect(patched.entity.metadata.createdAt == created.entity.metadata.createdAt)
            #expect(patched.entity.metadata.etag != created.entity.metadata.etag)
            #expect(!patched.entity.spec.enabled)
            #expect(patched.entity.spec.config.objectValue?["header_name"] == "X-Trace")
            #expect(patched.entity.spec.config.objectValue?["echo_downstream"] == false)
            #expect(try await engine.plugin(id: id.lowercased()).entity == patched.entity)

            await #expect(throws: GatewayError.self) { try await engine.updatePlugin(id: id, patch: ["name": "cors"], ifMatch: nil) }
            #expect(try await engine.plugin(id: id).entity == patched.entity)

            try await engine.deletePlugin(id: id, ifMatch: patched.entity.metadata.etag)
            await #expect(throws: GatewayError.self) { try await engine.plugin(id: id) }
        }
    }

    @Test("plugins are listed in creation order, in pages")
    func pagingPlugins() async throws {
        try await TemporaryEngine.with { engine in
            var ids: [UUID] = []
            for service in ["c", "a", "b"] {
                _ = try await engine.upsertService(Fixture.service(service), ifMatch: nil)
                ids.append(try await engine.createPlugin(Fixture.plugin(["name": "correlation-id", "service": .string(service)])).entity.metadata.id)
            }
            let first = try await engine.listPlugins(PageRequest(size: 2))
            let second = try await engine.listPlugins(PageRequest(size: 2, cursor: first.nextCursor))
            #expect((first.data + second.data).map(\.entity.metadata.id) == ids)
            #expect(second.nextCursor == nil)
        }
    }
}
