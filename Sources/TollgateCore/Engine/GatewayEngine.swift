/// What the management API needs from a gateway engine.
///
/// The admin layer knows engines only through this protocol. Bodies arrive
/// already parsed and validated as specs; an engine checks what needs state
/// (references to other entities, conflicts, `If-Match`) and throws
/// ``GatewayError`` for everything the client must hear about. Every write is
/// atomic: when it throws, nothing changed.
///
/// `ifMatch` parameters carry the raw `If-Match` header; engines check them with
/// ``Precondition/check(_:current:)`` against the entity's current etag.
public protocol GatewayEngine: Sendable {
    /// Health and configuration version, for `GET /health`.
    func health() async -> EngineHealth

    // MARK: Services
    func listServices(_ page: PageRequest) async throws(GatewayError) -> Page<ServiceRecord>
    func service(named name: String) async throws(GatewayError) -> ServiceRecord
    /// Creates or replaces the service named by `spec`, keeping `id` and `created_at`.
    func upsertService(_ spec: ServiceSpec, ifMatch: String?) async throws(GatewayError) -> Upserted<ServiceRecord>
    /// Deletes a service with its routes, canary, its routes' mirrors and the plugins scoped to it or its routes.
    func deleteService(named name: String, ifMatch: String?) async throws(GatewayError)

    // MARK: Routes
    func listRoutes(_ page: PageRequest) async throws(GatewayError) -> Page<RouteRecord>
    func route(named name: String) async throws(GatewayError) -> RouteRecord
    /// Creates or replaces a route of `service`; 409 when the name belongs to another service's route.
    func upsertRoute(_ spec: RouteSpec, service: String, ifMatch: String?) async throws(GatewayError) -> Upserted<RouteRecord>
    /// Deletes a route with its mirror and the plugins scoped to it.
    func deleteRoute(named name: String, ifMatch: String?) async throws(GatewayError)

    // MARK: Plugins
    func listPlugins(_ page: PageRequest) async throws(GatewayError) -> Page<PluginRecord>
    func plugin(id: String) async throws(GatewayError) -> PluginRecord
    /// Creates a plugin instance; 409 when one of the same name exists in that scope.
    func createPlugin(_ spec: PluginSpec) async throws(GatewayError) -> PluginRecord
    /// Applies a PATCH body to a plugin (see ``PluginSpec/patched(with:)``).
    func updatePlugin(id: String, patch: JSONValue, ifMatch: String?) async throws(GatewayError) -> PluginRecord
    func deletePlugin(id: String, ifMatch: String?) async throws(GatewayError)

    // MARK: Upstreams and targets
    func listUpstreams(_ page: PageRequest) async throws(GatewayError) -> Page<UpstreamRecord>
    func upstream(named name: String) async throws(GatewayError) -> UpstreamRecord
    /// Creates or replaces an upstream; when `targets` is given it replaces the target list.
    func upsertUpstream(_ upsert: UpstreamUpsert, ifMatch: String?) async throws(GatewayError) -> Upserted<UpstreamRecord>
    /// Deletes an upstream and its targets; 400 while a service or a canary uses it.
    func deleteUpstream(named name: String, ifMatch: String?) async throws(GatewayError)
    /// Applies a load-balancing preset in one atomic write.
    func applyPreset(_ preset: Preset) async throws(GatewayError) -> Upserted<UpstreamRecord>

    func listTargets(upstream: String, _ page: PageRequest) async throws(GatewayError) -> Page<TargetRecord>
    /// Creates or replaces a target of an upstream (201 / 200).
    func upsertTarget(_ spec: TargetSpec, upstream: String) async throws(GatewayError) -> Upserted<TargetRecord>
    func setTargetWeight(upstream: String, target: String, weight: Int, ifMatch: String?) async throws(GatewayError)
        -> TargetRecord
    func deleteTarget(upstream: String, target: String, ifMatch: String?) async throws(GatewayError)
    func upstreamHealth(named name: String) async throws(GatewayError) -> UpstreamHealthReport
    /// Marks a target healthy or unhealthy by hand; takes effect at once.
    func markTarget(upstream: String, target: String, healthy: Bool) async throws(GatewayError) -> TargetRecord

    // MARK: Traffic policies
    func tenantRateLimit(tenant: String) async throws(GatewayError) -> TenantRateLimitRecord
    func upsertTenantRateLimit(_ spec: TenantRateLimitSpec, tenant: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<TenantRateLimitRecord>
    func deleteTenantRateLimit(tenant: String, ifMatch: String?) async throws(GatewayError)

    func canary(service: String) async throws(GatewayError) -> CanaryRecord
    func upsertCanary(_ spec: CanarySpec, service: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<CanaryRecord>
    func deleteCanary(service: String, ifMatch: String?) async throws(GatewayError)

    func mirror(route: String) async throws(GatewayError) -> MirrorRecord
    func upsertMirror(_ spec: MirrorSpec, route: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<MirrorRecord>
    func deleteMirror(route: String, ifMatch: String?) async throws(GatewayError)
}
