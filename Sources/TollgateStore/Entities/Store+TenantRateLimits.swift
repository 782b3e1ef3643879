import Foundation
import TollgateCore

extension StoreReading {
    /// The rate limit of `tenant`, if any.
    public func tenantRateLimit(tenant: String) async throws -> TenantRateLimitRecord? {
        try await session.selectOne(StoreTables.tenantRateLimits, where: [.equals("tenant", tenant)], columns: ["tenant"])
            .map { TenantRateLimitRecord(tenant: try $0.text("tenant"), entity: $0.entity) }
    }
}

extension StoreTransaction {
    /// Stores the rate limit of a tenant; `service` is the id of the service it is scoped to.
    public func insertTenantRateLimit(_ spec: TenantRateLimitSpec, tenant: String, service: UUID?) async throws
        -> Entity<TenantRateLimitSpec>
    {
        try await insert(
            StoreTables.tenantRateLimits, spec,
            references: ["tenant": .text(tenant), "service_id": ColumnValue(service?.storeText)])
    }

    /// Replaces a tenant's rate limit; `service` is the id of the service it is now scoped to.
    public func replaceTenantRateLimit(_ current: EntityMetadata, with spec: TenantRateLimitSpec, service: UUID?)
        async throws -> Entity<TenantRateLimitSpec>
    {
        try await replace(
            StoreTables.tenantRateLimits, current, with: spec, references: ["service_id": ColumnValue(service?.storeText)])
    }

    /// Deletes a tenant's rate limit.
    public func deleteTenantRateLimit(id: UUID) async throws {
        try await delete(StoreTables.tenantRateLimits, id: id)
    }
}
