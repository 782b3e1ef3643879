/// A service as the API shows it: with its routes' names and its canary, when set.
public struct ServiceRecord: APIRepresentable, Hashable {
    public var entity: Entity<ServiceSpec>
    public var routes: [String]
    public var canary: CanaryRecord?

    public init(entity: Entity<ServiceSpec>, routes: [String], canary: CanaryRecord?) {
        self.entity = entity
        self.routes = routes
        self.canary = canary
    }

    public var json: JSONValue {
        var extra: [String: JSONValue] = ["routes": JSONValue(routes)]
        if let canary { extra["canary"] = canary.json }
        return entity.json(adding: extra)
    }
    public var etag: String? { entity.metadata.etag }
}

/// A route with the name of the service it belongs to.
public struct RouteRecord: APIRepresentable, Hashable {
    public var entity: Entity<RouteSpec>
    public var service: String

    public init(entity: Entity<RouteSpec>, service: String) {
        self.entity = entity
        self.service = service
    }

    public var json: JSONValue { entity.json(adding: ["service": .string(service)]) }
    public var etag: String? { entity.metadata.etag }
}

/// A plugin instance; its config is shown through the plugin's public view.
public struct PluginRecord: APIRepresentable, Hashable {
    public var entity: Entity<PluginSpec>

    public init(entity: Entity<PluginSpec>) {
        self.entity = entity
    }

    public var json: JSONValue {
        .object(entity.spec.publicMembers.merging(entity.metadata.members) { spec, _ in spec })
    }
    public var etag: String? { entity.metadata.etag }
}

/// A target with its upstream's name and its current health.
public struct TargetRecord: APIRepresentable, Hashable {
    public var entity: Entity<TargetSpec>
    public var upstream: String
    public var health: TargetHealth

    public init(entity: Entity<TargetSpec>, upstream: String, health: TargetHealth) {
        self.entity = entity
        self.upstream = upstream
        self.health = health
    }

    public var json: JSONValue {
        entity.json(adding: health.members.merging(["upstream": .string(upstream)]) { _, new in new })
    }
    public var etag: String? { entity.metadata.etag }
}

/// An upstream with its targets.
public struct UpstreamRecord: APIRepresentable, Hashable {
    public var entity: Entity<UpstreamSpec>
    public var targets: [TargetRecord]

    public init(entity: Entity<UpstreamSpec>, targets: [TargetRecord]) {
        self.entity = entity
        self.targets = targets
    }

    public var json: JSONValue {
        entity.json(adding: [
            "targets": .array(targets.map { ["target": .string($0.entity.spec.target), "weight": .int($0.entity.spec.weight)] })
        ])
    }
    public var etag: String? { entity.metadata.etag }
}

/// A tenant's rate limit.
public struct TenantRateLimitRecord: APIRepresentable, Hashable {
    public var tenant: String
    public var entity: Entity<TenantRateLimitSpec>

    public init(tenant: String, entity: Entity<TenantRateLimitSpec>) {
        self.tenant = tenant
        self.entity = entity
    }

    public var json: JSONValue { entity.json(adding: ["tenant": .string(tenant)]) }
    public var etag: String? { entity.metadata.etag }
}

/// A service's canary, showing the percentage in force now.
public struct CanaryRecord: APIRepresentable, Hashable {
    public var service: String
    public var entity: Entity<CanarySpec>
    /// The percentage in force when the record was read (steps applied).
    public var currentPercentage: Int
    /// How the engine carries the canary out, when it differs from the built-in
    /// canary (the Kong engine: Kong Enterprise's `canary` plugin, or target weights).
    public var implementation: String?
    /// What the data plane counted, when the engine's data plane counts (the embedded engine).
    public var counters: CanaryCounters?

    public init(
        service: String, entity: Entity<CanarySpec>, currentPercentage: Int, implementation: String? = nil,
        counters: CanaryCounters? = nil
    ) {
        self.service = service
        self.entity = entity
        self.currentPercentage = currentPercentage
        self.implementation = implementation
        self.counters = counters
    }

    public var json: JSONValue {
        var extra: [String: JSONValue] = [
            "service": .string(service), "percentage": .int(currentPercentage),
            "initial_percentage": .int(entity.spec.percentage),
        ]
        if let implementation { extra["implementation"] = .string(implementation) }
        if let counters { extra["counters"] = counters.json }
        return entity.json(adding: extra)
    }
    public var etag: String? { entity.metadata.etag }
}

/// A route's mirror.
public struct MirrorRecord: APIRepresentable, Hashable {
    public var route: String
    public var entity: Entity<MirrorSpec>
    /// What the data plane counted, when the engine's data plane counts (the embedded engine).
    public var counters: MirrorCounters?

    public init(route: String, entity: Entity<MirrorSpec>, counters: MirrorCounters? = nil) {
        self.route = route
        self.entity = entity
        self.counters = counters
    }

    public var json: JSONValue {
        var extra: [String: JSONValue] = ["route": .string(route)]
        if let counters { extra["counters"] = counters.json }
        return entity.json(adding: extra)
    }
    public var etag: String? { entity.metadata.etag }
}
