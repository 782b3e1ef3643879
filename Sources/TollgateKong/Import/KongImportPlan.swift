import TollgateCore

/// What a Kong declarative configuration becomes in Tollgate: the entities to
/// write, in an order where every reference resolves, and what cannot be imported.
public struct KongImportPlan: Sendable {
    /// A route and the name of its service.
    public struct OwnedRoute: Sendable, Hashable {
        public var service: String
        public var spec: RouteSpec
    }

    public internal(set) var upstreams: [UpstreamUpsert] = []
    public internal(set) var services: [ServiceSpec] = []
    public internal(set) var routes: [OwnedRoute] = []
    public internal(set) var plugins: [PluginSpec] = []
    /// Entities, plugins and fields that were not imported, each with the reason.
    public internal(set) var skipped: [String] = []

    /// The number of targets over all upstreams.
    public var targetCount: Int { upstreams.reduce(0) { $0 + ($1.targets?.count ?? 0) } }
}
