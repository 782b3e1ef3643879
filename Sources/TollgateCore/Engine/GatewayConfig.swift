import Foundation

/// The whole configuration at one version: what the data plane compiles into its
/// runtime snapshot.
///
/// Read in one transaction, so every reference inside resolves: each route's
/// service, each target's upstream, each canary's service and each mirror's route
/// is in the same value.
public struct GatewayConfig: Sendable, Hashable {
    /// An entity that belongs to another one (a route to its service, a target to its upstream).
    public struct Owned<Spec: EntitySpec>: Sendable, Hashable {
        public var entity: Entity<Spec>
        public var owner: Owner

        public init(entity: Entity<Spec>, owner: Owner) {
            self.entity = entity
            self.owner = owner
        }
    }

    /// The id and name of an owning entity.
    public struct Owner: Sendable, Hashable {
        public var id: UUID
        public var name: String

        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The configuration version this snapshot was read at.
    public var version: Int
    /// Ordered by name.
    public var services: [Entity<ServiceSpec>]
    /// In creation order (the router's last tie-breaker); owner: the service.
    public var routes: [Owned<RouteSpec>]
    /// In creation order.
    public var plugins: [Entity<PluginSpec>]
    /// Ordered by name.
    public var upstreams: [Entity<UpstreamSpec>]
    /// Ordered by upstream name, then address; owner: the upstream.
    public var targets: [Owned<TargetSpec>]
    /// Ordered by tenant.
    public var tenantRateLimits: [TenantRateLimitRecord]
    /// In creation order; owner: the service.
    public var canaries: [Owned<CanarySpec>]
    /// In creation order; owner: the route.
    public var mirrors: [Owned<MirrorSpec>]

    public init(
        version: Int, services: [Entity<ServiceSpec>], routes: [Owned<RouteSpec>], plugins: [Entity<PluginSpec>],
        upstreams: [Entity<UpstreamSpec>], targets: [Owned<TargetSpec>], tenantRateLimits: [TenantRateLimitRecord],
        canaries: [Owned<CanarySpec>], mirrors: [Owned<MirrorSpec>]
    ) {
        self.version = version
        self.services = services
        self.routes = routes
        self.plugins = plugins
        self.upstreams = upstreams
        self.targets = targets
        self.tenantRateLimits = tenantRateLimits
        self.canaries = canaries
        self.mirrors = mirrors
    }
}
