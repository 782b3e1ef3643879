import SQLKit
import TollgateCore

extension StoreReading {
    /// The version of the last committed write (0 before the first).
    public func configVersion() async throws -> Int {
        let version = try await session.database.raw("SELECT config_version FROM config_state WHERE id = 1").first()?
            .decode(column: "config_version", as: Int.self)
        guard let version else { throw StoreError.unreadableRow(table: "config_state", id: "1", reason: "the row is missing") }
        return version
    }

    /// Everything stored, at the current version.
    public func configuration() async throws -> GatewayConfig {
        let session = session
        let insertionOrder = SortColumn.integer("seq")
        return GatewayConfig(
            version: try await configVersion(),
            services: try await session.select(StoreTables.services).map(\.entity),
            routes: try await session.select(StoreTables.routes, orderedBy: insertionOrder).map { try $0.owned() },
            plugins: try await session.select(StoreTables.plugins).map(\.entity),
            upstreams: try await session.select(StoreTables.upstreams).map(\.entity),
            targets: try await session.select(StoreTables.targets).map { try $0.owned() }.sorted {
                ($0.owner.name, $0.entity.spec.target) < ($1.owner.name, $1.entity.spec.target)
            },
            tenantRateLimits: try await session.select(StoreTables.tenantRateLimits, columns: ["tenant"]).map {
                TenantRateLimitRecord(tenant: try $0.text("tenant"), entity: $0.entity)
            },
            canaries: try await session.select(StoreTables.canaries).map { try $0.owned() },
            mirrors: try await session.select(StoreTables.mirrors).map { try $0.owned() })
    }
}
