import TollgateCore

/// Enforces the tenant rate limits that apply to one service's routes: those
/// without a `service` and those naming this one.
///
/// The tenant is the one an authentication plugin set, else the tenant header's
/// value; a request without a tenant, or whose tenant has no limit here, passes
/// untouched. The stage runs after any `rate-limiting` plugin of the route (both
/// are enforced), and its counters are shared by all services and snapshots, keyed
/// by tenant.
struct TenantRateLimitStage: ProxyPlugin {
    /// The stage's name in a chain.
    static let name = "tenant-rate-limits"
    /// Just after `rate-limiting` (910), as in ``BuiltInPlugins``.
    static let priority = 905

    /// By tenant.
    let limits: [String: RateLimitPolicy]
    let tenantHeader: String
    let limiter: RateLimiter

    var phases: PluginPhases { .access }

    func access(_ context: RequestContext) -> PluginAccess {
        guard let tenant = context.tenant(header: tenantHeader), let policy = limits[tenant] else { return .proceed }
        return limiter.enforce(policy, key: tenant, on: context) { "rate limit of tenant '\(tenant)' exceeded" }
    }

    func withdraw(_ context: RequestContext) {
        guard let tenant = context.tenant(header: tenantHeader), let policy = limits[tenant] else { return }
        limiter.giveBack(tenant, policy: policy, admittedAt: context.receivedAt)
    }
}
