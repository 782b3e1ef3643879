import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("EmbeddedEngine upstreams, targets and presets")
struct EngineUpstreamsTests {
    @Test("an upsert with targets replaces the list: kept addresses keep their ids, removed ones lose their marks")
    func targetListReplacement() async throws {
        try await TemporaryEngine.with { engine in
            let created = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["b:80", "a:80"]), ifMatch: nil)
            #expect(created.created)
            #expect(created.record.targets.map(\.entity.spec.target) == ["a:80", "b:80"])
            let kept = created.record.targets[0].entity.metadata.id
            _ = try await engine.markTarget(upstream: "pool", target: "b:80", healthy: false)

            let replaced = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80", "c:80"]), ifMatch: nil)
            #expect(!replaced.created)
            #expect(replaced.record.entity.metadata.id == created.record.entity.metadata.id)
            #expect(replaced.record.targets.map(\.entity.spec.target) == ["a:80", "c:80"])
            #expect(replaced.record.targets[0].entity.metadata.id == kept)

            let unchanged = try await engine.upsertUpstream(Fixture.upstream("pool"), ifMatch: nil)
            #expect(unchanged.record.targets.map(\.entity.spec.target) == ["a:80", "c:80"])

            // b comes back as a new target, without its old mark.
            let readded = try await engine.upsertTarget(Fixture.target("b:80"), upstream: "pool")
            #expect(readded.created)
            #expect(readded.record.health == .off)
        }
    }

    @Test("an upstream a service, a canary or a mirror uses cannot be deleted (400); otherwise it goes with its targets")
    func deleteInUse() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80"]), ifMatch: nil)
            _ = try await engine.upsertService(Fixture.service("orders", host: "pool"), ifMatch: nil)
            await #expect(throws: GatewayError.invalid(field: "name", "is used by service 'orders'")) {
                try await engine.deleteUpstream(named: "pool", ifMatch: nil)
            }
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            _ = try await engine.upsertCanary(Fixture.canary(["upstream": "pool", "percentage": 1]), service: "orders", ifMatch: nil)
            await #expect(throws: GatewayError.invalid(field: "name", "is used by the canary of service 'orders'")) {
                try await engine.deleteUpstream(named: "pool", ifMatch: nil)
            }
            try await engine.deleteCanary(service: "orders", ifMatch: nil)
            _ = try await engine.upsertRoute(Fixture.route("api"), service: "orders", ifMatch: nil)
            _ = try await engine.upsertMirror(Fixture.mirror(["upstream": "pool"]), route: "api", ifMatch: nil)
            await #expect(throws: GatewayError.invalid(field: "name", "is used by the mirror of route 'api'")) {
                try await engine.deleteUpstream(named: "pool", ifMatch: nil)
            }
            try await engine.deleteMirror(route: "api", ifMatch: nil)

            try await engine.deleteUpstream(named: "pool", ifMatch: nil)
            await #expect(throws: GatewayError.notFound("upstream 'pool' does not exist")) { try await engine.upstream(named: "pool") }
            #expect(try await engine.configuration().targets.isEmpty)
        }
    }

    @Test("upstreams are listed by name with their targets, in pages")
    func pagingUpstreams() async throws {
        try await TemporaryEngine.with { engine in
            for name in ["u3", "u1", "u2"] {
                _ = try await engine.upsertUpstream(Fixture.upstream(name, targets: ["\(name).internal:80"]), ifMatch: nil)
            }
            let first = try await engine.listUpstreams(PageRequest(size: 2))
            let second = try await engine.listUpstreams(PageRequest(size: 2, cursor: first.nextCursor))
            #expect((first.data + second.data).map(\.entity.spec.name) == ["u1", "u2", "u3"])
            #expect((first.data + second.data).map { $0.targets.map(\.entity.spec.target) } == [["u1.internal:80"], ["u2.internal:80"], ["u3.internal:80"]])
        }
    }

    @Test("a preset upserts the upstream and points the service at it in one write")
    func presets() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertService(Fixture.service("orders"), ifMatch: nil)
            let body: JSONValue = ["upstream": "Sticky-Pool", "header": "X-Session", "targets": ["a:80", "b:80"], "service": "orders"]
            let created = try await engine.applyPreset(Preset.parse(.stickyHeader, body))
            #expect(created.created)
            #expect(created.record.entity.spec.algorithm == .consistentHashing)
            #expect(created.record.targets.count == 2)
            #expect(try await engine.service(named: "orders").entity.spec.host == "sticky-pool")
            await #expect(throws: GatewayError.invalid(field: "name", "is used by service 'orders'")) {
                try await engine.deleteUpstream(named: "Sticky-Pool", ifMatch: nil)
            }

            let again = try await engine.applyPreset(Preset.parse(.roundRobin, ["upstream": "Sticky-Pool", "targets": ["a:80"]]))
            #expect(!again.created)
            #expect(again.record.entity.spec.algorithm == .roundRobin)
            #expect(again.record.targets.map(\.entity.spec.target) == ["a:80"])
        }
    }

    @Test("a preset naming a missing service fails with 400 and writes nothing")
    func presetWithMissingService() async throws {
        try await TemporaryEngine.with { engine in
            let before = await engine.health().configVersion
            await #expect(throws: GatewayError.invalid(field: "service", "names no service 'nope'")) {
                try await engine.applyPreset(Preset.parse(.roundRobin, ["upstream": "pool", "targets": ["a:80"], "service": "nope"]))
            }
            await #expect(throws: GatewayError.notFound("upstream 'pool' does not exist")) { try await engine.upstream(named: "pool") }
            #expect(await engine.health().configVersion == before)
        }
    }

    @Test("target addresses in paths are canonicalised: IPv6 in brackets, case, default port")
    func targetCanonicalisation() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool"), ifMatch: nil)
            let v6 = try await engine.upsertTarget(Fixture.target("[::1]:8080"), upstream: "pool")
            #expect(v6.created)
            #expect(v6.record.entity.spec.target == "[::1]:8080")
            let again = try await engine.upsertTarget(Fixture.target("[::1]:8080", weight: 5), upstream: "pool")
            #expect(!again.created)
            #expect(again.record.entity.metadata.id == v6.record.entity.metadata.id)

            let weighted = try await engine.setTargetWeight(upstream: "pool", target: "[::1]:8080", weight: 50, ifMatch: nil)
            #expect(weighted.entity.spec.weight == 50)

            _ = try await engine.upsertTarget(Fixture.target("LocalHost"), upstream: "pool")
            let marked = try await engine.markTarget(upstream: "pool", target: "localhost:8000", healthy: false)
            #expect(marked.entity.spec.target == "localhost:8000")
            try await engine.deleteTarget(upstream: "pool", target: "LOCALHOST", ifMatch: nil)

            await #expect(throws: GatewayError.notFound("target '[::2]:8080' does not exist in upstream 'pool'")) {
                try await engine.setTargetWeight(upstream: "pool", target: "[::2]:8080", weight: 1, ifMatch: nil)
            }
            await #expect(throws: GatewayError.notFound("target 'not an address' does not exist in upstream 'pool'")) {
                try await engine.deleteTarget(upstream: "pool", target: "not an address", ifMatch: nil)
            }
            await #expect(throws: GatewayError.notFound("upstream 'nope' does not exist")) {
                try await engine.upsertTarget(Fixture.target("a:80"), upstream: "nope")
            }
        }
    }

    @Test("targets are listed by address in pages, each with its health")
    func pagingTargets() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["c:80", "a:80", "b:80"]), ifMatch: nil)
            _ = try await engine.markTarget(upstream: "pool", target: "c:80", healthy: true)
            let first = try await engine.listTargets(upstream: "pool", PageRequest(size: 2))
            let second = try await engine.listTargets(upstream: "pool", PageRequest(size: 2, cursor: first.nextCursor))
            #expect((first.data + second.data).map(\.entity.spec.target) == ["a:80", "b:80", "c:80"])
            #expect((first.data + second.data).map(\.health.state) == [.healthchecksOff, .healthchecksOff, .healthy])
            #expect(second.data[0].health.source == .manual)
            #expect(second.nextCursor == nil)
        }
    }

    @Test("manual marks drive the upstream's health: healthy, degraded, unhealthy; unknown targets are 404")
    func upstreamHealth() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80", "b:80"]), ifMatch: nil)
            let version = await engine.health().configVersion
            #expect(try await engine.upstreamHealth(named: "pool").state == .healthy)
            let marked = try await engine.markTarget(upstream: "pool", target: "a:80", healthy: false)
            #expect(marked.health.state == .unhealthy)
            #expect(marked.health.source == .manual)
            #expect(marked.health.since != nil)
            #expect(try await engine.upstreamHealth(named: "pool").state == .degraded)
            _ = try await engine.markTarget(upstream: "pool", target: "b:80", healthy: false)
            #expect(try await engine.upstreamHealth(named: "pool").state == .unhealthy)
            _ = try await engine.markTarget(upstream: "pool", target: "b:80", healthy: true)
            #expect(try await engine.upstreamHealth(named: "pool").state == .degraded)
            #expect(await engine.health().configVersion == version)

            await #expect(throws: GatewayError.notFound("target 'z:80' does not exist in upstream 'pool'")) {
                try await engine.markTarget(upstream: "pool", target: "z:80", healthy: true)
            }
            await #expect(throws: GatewayError.notFound("upstream 'nope' does not exist")) {
                try await engine.upstreamHealth(named: "nope")
            }
        }
    }

    @Test("a deleted target loses its mark; added again, it starts fresh")
    func deletedTargetStartsFresh() async throws {
        try await TemporaryEngine.with { engine in
            _ = try await engine.upsertUpstream(Fixture.upstream("pool", targets: ["a:80"]), ifMatch: nil)
            _ = try await engine.markTarget(upstream: "pool", target: "a:80", healthy: false)
            try await engine.deleteTarget(upstream: "pool", target: "a:80", ifMatch: nil)
            let readded = try await engine.upsertTarget(Fixture.target("a:80"), upstream: "pool")
            #expect(readded.created)
            #expect(readded.record.health == .off)
        }
    }
}
