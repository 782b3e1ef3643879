import Foundation
import TollgateCore
import TollgateProxy

/// Builds ``GatewayConfig`` values for proxy tests. Entity ids stay the same from
/// one ``build()`` to the next, so balancer state and health survive a republish,
/// as they do when an admin change is compiled.
struct ConfigBuilder {
    private var services: [Entity<ServiceSpec>] = []
    private var routes: [GatewayConfig.Owned<RouteSpec>] = []
    private var upstreams: [Entity<UpstreamSpec>] = []
    private var targets: [GatewayConfig.Owned<TargetSpec>] = []
    private var plugins: [Entity<PluginSpec>] = []
    private var tenantRateLimits: [TenantRateLimitRecord] = []
    private var canaries: [GatewayConfig.Owned<CanarySpec>] = []
    private var mirrors: [GatewayConfig.Owned<MirrorSpec>] = []
    private var version = 0

    /// Adds a service and its routes.
    mutating func add(_ service: ServiceSpec, routes: [RouteSpec]) {
        let entity = Entity(metadata: Self.metadata(), spec: service)
        services.append(entity)
        let owner = GatewayConfig.Owner(id: entity.metadata.id, name: service.name)
        for route in routes {
            self.routes.append(.init(entity: Entity(metadata: Self.metadata(), spec: route), owner: owner))
        }
    }

    /// Adds an upstream and its targets; returns the targets' health keys, in the order given.
    @discardableResult
    mutating func add(_ upstream: UpstreamSpec, targets: [TargetSpec]) -> [TargetKey] {
        let entity = Entity(metadata: Self.metadata(), spec: upstream)
        upstreams.append(entity)
        let owner = GatewayConfig.Owner(id: entity.metadata.id, name: upstream.name)
        return targets.map { target in
            let targetEntity = Entity(metadata: Self.metadata(), spec: target)
            self.targets.append(.init(entity: targetEntity, owner: owner))
            return TargetKey(upstream: entity.metadata.id, target: targetEntity.metadata.id)
        }
    }

    /// Adds a plugin instance (scoped by the spec's `service` / `route` names); returns its id.
    @discardableResult
    mutating func add(plugin: PluginSpec) -> UUID {
        let entity = Entity(metadata: Self.metadata(), spec: plugin)
        plugins.append(entity)
        return entity.metadata.id
    }

    /// Replaces the plugin with `id` (same id), as a PATCH does.
    mutating func replace(plugin id: UUID, with spec: PluginSpec) {
        guard let index = plugins.firstIndex(where: { $0.metadata.id == id }) else { return }
        plugins[index].spec = spec
    }

    /// Removes the plugin with `id`.
    mutating func remove(plugin id: UUID) {
        plugins.removeAll { $0.metadata.id == id }
    }

    /// Adds (or replaces, same id) the rate limit of `tenant`.
    mutating func set(tenant: String, limit: TenantRateLimitSpec) {
        if let index = tenantRateLimits.firstIndex(where: { $0.tenant == tenant }) {
            tenantRateLimits[index].entity.spec = limit
        } else {
            tenantRateLimits.append(TenantRateLimitRecord(tenant: tenant, entity: Entity(metadata: Self.metadata(), spec: limit)))
        }
    }

    /// Adds (or replaces, same id) the canary of the service named `service`.
    mutating func set(canary: CanarySpec, service: String) {
        if let index = canaries.firstIndex(where: { $0.owner.name == service }) {
            canaries[index].entity.spec = canary
        } else if let owner = services.first(where: { $0.spec.name == service }) {
            let entity = Entity(metadata: Self.metadata(), spec: canary)
            canaries.append(.init(entity: entity, owner: .init(id: owner.metadata.id, name: service)))
        }
    }

    /// Adds (or replaces, same id) the mirror of the route named `route`.
    mutating func set(mirror: MirrorSpec, route: String) {
        if let index = mirrors.firstIndex(where: { $0.owner.name == route }) {
            mirrors[index].entity.spec = mirror
        } else if let owner = routes.first(where: { $0.entity.spec.name == route }) {
            let entity = Entity(metadata: Self.metadata(), spec: mirror)
            mirrors.append(.init(entity: entity, owner: .init(id: owner.entity.metadata.id, name: route)))
        }
    }

    /// Replaces the service named `name` (same id), e.g. to point it elsewhere.
    mutating func replace(service name: String, with spec: ServiceSpec) {
        guard let index = services.firstIndex(where: { $0.spec.name == name }) else { return }
        services[index].spec = spec
    }

    /// The configuration as it stands, at the next version.
    mutating func build() -> GatewayConfig {
        version += 1
        let upstreamNames = Dictionary(uniqueKeysWithValues: upstreams.map { ($0.metadata.id, $0.spec.name) })
        return GatewayConfig(
            version: version, services: services.sorted { $0.spec.name < $1.spec.name }, routes: routes,
            plugins: plugins, upstreams: upstreams.sorted { $0.spec.name < $1.spec.name },
            targets: targets.sorted {
                (upstreamNames[$0.owner.id] ?? "", $0.entity.spec.target)
                    < (upstreamNames[$1.owner.id] ?? "", $1.entity.spec.target)
            },
            tenantRateLimits: tenantRateLimits.sorted { $0.tenant < $1.tenant }, canaries: canaries, mirrors: mirrors)
    }

    private static func metadata() -> EntityMetadata {
        let now = Date()
        return EntityMetadata(id: UUID(), createdAt: now, updatedAt: now, etag: UUID().uuidString)
    }
}

extension ServiceSpec {
    /// A service sending to `upstream` (a test server's or an upstream's name).
    static func to(
        _ name: String, host: String = "127.0.0.1", port: Int, path: String? = nil, retries: Int = 5,
        connectTimeoutMs: Int = 2_000, readTimeoutMs: Int = 10_000
    ) -> ServiceSpec {
        ServiceSpec(
            name: name, host: host, port: port, path: path, retries: retries, connectTimeoutMs: connectTimeoutMs,
            writeTimeoutMs: 10_000, readTimeoutMs: readTimeoutMs)
    }

    /// A service balanced over the upstream named `upstream`.
    static func balanced(_ name: String, upstream: String, retries: Int = 5, readTimeoutMs: Int = 10_000) -> ServiceSpec
    {
        .to(name, host: upstream, port: 80, retries: retries, readTimeoutMs: readTimeoutMs)
    }
}
