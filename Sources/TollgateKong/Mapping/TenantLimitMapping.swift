import TollgateCore

/// Tenant rate limits ↔ Kong: the tenant is a consumer (username = tenant id) with a
/// consumer-scoped `rate-limiting` plugin counting by consumer. Kong counts fixed
/// calendar windows, so records say `fixed_window` whatever algorithm was asked for.
enum TenantLimitMapping {
    /// The `config` of the consumer's `rate-limiting` plugin; unset windows are sent as
    /// null, so that a PATCH (which Kong merges into the stored config) clears them.
    static func pluginConfig(_ spec: TenantRateLimitSpec) -> JSONValue {
        var config = spec.windows.members
        config["limit_by"] = "consumer"
        config["policy"] = .string(spec.policy.rawValue)
        return .object(config)
    }

    /// The tenant limit a Kong plugin describes, scoped to the named service.
    static func record(_ plugin: JSONValue, tenant: String, service: String?) throws(GatewayError) -> TenantRateLimitRecord {
        let config = plugin["config"] ?? .object([:])
        var limits: [RateLimitWindows.Window: Int] = [:]
        for window in RateLimitWindows.Window.allCases {
            if let limit = config[window.rawValue]?.intValue { limits[window] = limit }
        }
        let spec = TenantRateLimitSpec(
            windows: RateLimitWindows(limits: limits), algorithm: .fixedWindow,
            policy: config["policy"]?.stringValue.flatMap(TenantRateLimitSpec.Policy.init(rawValue:)) ?? .local,
            service: service, tags: KongEntity.userTags(plugin))
        return TenantRateLimitRecord(tenant: tenant, entity: Entity(metadata: try KongEntity.metadata(plugin), spec: spec))
    }
}
