import TollgateCore

/// `rate-limiting`: caps the requests of each client address, header value,
/// service, route or tenant (`limit_by`) per window, with the configured algorithm.
///
/// Counters belong to the plugin instance (kept across snapshots under its id),
/// so an instance scoped to a service counts all of that service's routes
/// together, and editing the limits keeps the counts. Over the limit the request
/// is answered 429 and never reaches the upstream; every response of a limited
/// request carries the rate-limit headers (see ``RateLimitDecision/addHeaders(to:)``).
struct RateLimitingPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: RateLimitingSchema.name, priority: 910) { input in
        try RateLimitingPlugin(
            StoredPluginConfig(input.config, plugin: RateLimitingSchema.name),
            tenantHeader: input.environment.settings.tenantHeader,
            limiter: input.state { RateLimiter() })
    }

    private let policy: RateLimitPolicy
    private let subject: RateLimitSubject
    private let limiter: RateLimiter

    var phases: PluginPhases { .access }

    /// - Parameters:
    ///   - config: The stored configuration.
    ///   - tenantHeader: The header naming the tenant, for `limit_by: tenant`.
    ///   - limiter: The instance's counters.
    init(_ config: StoredPluginConfig, tenantHeader: String, limiter: RateLimiter) throws(StoredConfigError) {
        policy = try RateLimitPolicy(config)
        subject = try RateLimitSubject(config, tenantHeader: tenantHeader)
        self.limiter = limiter
    }

    func access(_ context: RequestContext) -> PluginAccess {
        limiter.enforce(policy, key: subject.key(for: context), on: context) { "API rate limit exceeded" }
    }

    /// The key is found again from what the access phase read: the client's own head,
    /// its connection, the route and the tenant (set by plugins that run earlier).
    func withdraw(_ context: RequestContext) {
        limiter.giveBack(subject.key(for: context), policy: policy, admittedAt: context.receivedAt)
    }
}
