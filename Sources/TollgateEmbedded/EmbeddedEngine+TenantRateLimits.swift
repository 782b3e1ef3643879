import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    public func tenantRateLimit(tenant: String) async throws(GatewayError) -> TenantRateLimitRecord {
        try await reading { session in try await session.existingTenantRateLimit(tenant) }
    }

    public func upsertTenantRateLimit(_ spec: TenantRateLimitSpec, tenant: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<TenantRateLimitRecord>
    {
        if spec.policy == .cluster {
            throw .invalid(
                field: "policy", "'cluster' needs the PostgreSQL store (--store postgres://…); this node uses SQLite")
        }
        return try await writing { transaction in
            let current = try await transaction.tenantRateLimit(tenant: tenant)
            try Precondition.check(ifMatch, current: current?.entity.metadata.etag)
            let service = try await spec.service.asyncMap { try await transaction.referencedService($0, field: "service") }
            let id = service?.metadata.id
            let limit =
                if let current {
                    try await transaction.replaceTenantRateLimit(current.entity.metadata, with: spec, service: id)
                } else {
                    try await transaction.insertTenantRateLimit(spec, tenant: tenant, service: id)
                }
            return Upserted(TenantRateLimitRecord(tenant: tenant, entity: limit), created: current == nil)
        }
    }

    public func deleteTenantRateLimit(tenant: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let limit = try await transaction.existingTenantRateLimit(tenant)
            try Precondition.check(ifMatch, current: limit.entity.metadata.etag)
            try await transaction.deleteTenantRateLimit(id: limit.entity.metadata.id)
        }
    }
}

extension StoreReading {
    /// The rate limit of the tenant in the path; 404 when it has none.
    fileprivate func existingTenantRateLimit(_ tenant: String) async throws -> TenantRateLimitRecord {
        guard let limit = try await tenantRateLimit(tenant: tenant) else {
            throw GatewayError.notFound("tenant '\(tenant)' has no rate limit")
        }
        return limit
    }
}
