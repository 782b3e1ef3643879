import NIOHTTP1
import TollgateCore

/// Tenant rate limits as Kong consumers with a consumer-scoped `rate-limiting`
/// plugin; the tenant's clients must authenticate as that consumer (key-auth, jwt).
extension KongEngine {
    public func tenantRateLimit(tenant: String) async throws(GatewayError) -> TenantRateLimitRecord {
        guard let plugin = try await tenantPlugin(tenant) else { throw .notFound("tenant '\(tenant)' has no rate limit") }
        return try await tenantRecord(plugin, tenant: tenant)
    }

    /// `PUT /consumers/{tenant}`, then the plugin created (or patched when it exists).
    public func upsertTenantRateLimit(_ spec: TenantRateLimitSpec, tenant: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<TenantRateLimitRecord>
    {
        let current = try await tenantPlugin(tenant)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        var serviceID: JSONValue = .null
        if let name = spec.service {
            serviceID = ["id": JSONValue(try await referencedService(name, field: "service")["id"]?.stringValue)]
        }
        var progress = KongProgress("rate limit of tenant '\(tenant)'")
        let body: JSONValue = [
            "config": TenantLimitMapping.pluginConfig(spec), "service": serviceID, "tags": JSONValue(spec.tags),
        ]
        let plugin: JSONValue
        if let current, let id = current["id"]?.stringValue {
            plugin = try await call(.PATCH, KongPath.entity("plugins", id), body: body)
        } else {
            let consumer = try await progress.step("PUT /consumers/\(tenant)") { () throws(GatewayError) in
                try await call(.PUT, KongPath.entity("consumers", tenant), body: ["username": .string(tenant)])
            }
            let created = body.merging([
                "name": .string(RateLimitingSchema.name), "consumer": ["id": JSONValue(consumer["id"]?.stringValue)],
            ])
            plugin = try await progress.step("POST /plugins (rate-limiting of consumer \(tenant))") { () throws(GatewayError) in
                try await call(.POST, "/plugins", body: created.withoutNulls)
            }
        }
        return Upserted(
            try TenantLimitMapping.record(plugin, tenant: tenant, service: spec.service), created: current == nil)
    }

    /// Deletes the consumer's `rate-limiting` plugin; the consumer stays (its credentials may authenticate the tenant).
    public func deleteTenantRateLimit(tenant: String, ifMatch: String?) async throws(GatewayError) {
        guard let plugin = try await tenantPlugin(tenant), let id = plugin["id"]?.stringValue else {
            throw .notFound("tenant '\(tenant)' has no rate limit")
        }
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: plugin))
        try await call(.DELETE, KongPath.entity("plugins", id))
    }

    /// The `rate-limiting` plugin of the consumer named after the tenant, nil when either is missing.
    private func tenantPlugin(_ tenant: String) async throws(GatewayError) -> JSONValue? {
        guard let consumer = try await find(KongPath.entity("consumers", tenant)), let id = consumer["id"]?.stringValue else {
            return nil
        }
        return try await all(KongPath.entity("consumers", id) + "/plugins").first {
            $0["name"]?.stringValue == RateLimitingSchema.name
        }
    }

    private func tenantRecord(_ plugin: JSONValue, tenant: String) async throws(GatewayError) -> TenantRateLimitRecord {
        var service: String?
        if let id = KongEntity.foreignID(plugin["service"]) {
            service = try await names("services", ids: [id])[id]
        }
        return try TenantLimitMapping.record(plugin, tenant: tenant, service: service)
    }
}
