import Foundation
import TollgateCore
import TollgateProxy
import TollgateStore

/// Stored entities turned into the records the API shows.
extension EmbeddedEngine {
    /// Services with their route names and canaries.
    func serviceRecords(_ services: [Entity<ServiceSpec>], _ store: some StoreReading) async throws -> [ServiceRecord] {
        let ids = services.map(\.metadata.id)
        let routes = try await store.routeNames(ofServices: ids)
        let canaries = try await store.canaries(ofServices: ids)
        let now = Date()
        return services.map { service in
            ServiceRecord(
                entity: service, routes: routes[service.metadata.id] ?? [],
                canary: canaries[service.metadata.id].map { canaryRecord($0, service: service.spec.name, now: now) })
        }
    }

    /// One service with its route names and canary.
    func serviceRecord(_ service: Entity<ServiceSpec>, _ store: some StoreReading) async throws -> ServiceRecord {
        try await serviceRecords([service], store)[0]
    }

    /// A canary showing the percentage its steps have reached at `now`.
    func canaryRecord(_ canary: Entity<CanarySpec>, service: String, now: Date) -> CanaryRecord {
        CanaryRecord(
            service: service, entity: canary,
            currentPercentage: canary.spec.percentage(at: now, since: canary.metadata.updatedAt),
            counters: trafficStats.canary(canary.metadata.id))
    }

    /// A target with its current health.
    func targetRecord(_ target: Entity<TargetSpec>, of upstream: Entity<UpstreamSpec>) -> TargetRecord {
        TargetRecord(
            entity: target, upstream: upstream.spec.name,
            health: healthRegistry.health(
                of: TargetKey(upstream: upstream.metadata.id, target: target.metadata.id),
                checksEnabled: upstream.spec.healthchecks.isEnabled))
    }

    /// Upstreams with their targets.
    func upstreamRecords(_ upstreams: [Entity<UpstreamSpec>], _ store: some StoreReading) async throws -> [UpstreamRecord] {
        let targets = try await store.targets(ofUpstreams: upstreams.map(\.metadata.id))
        return upstreams.map { upstream in
            UpstreamRecord(
                entity: upstream, targets: (targets[upstream.metadata.id] ?? []).map { targetRecord($0, of: upstream) })
        }
    }

    /// One upstream with its targets.
    func upstreamRecord(_ upstream: Entity<UpstreamSpec>, _ store: some StoreReading) async throws -> UpstreamRecord {
        try await upstreamRecords([upstream], store)[0]
    }
}
