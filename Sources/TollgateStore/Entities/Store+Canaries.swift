import Foundation
import TollgateCore

extension StoreReading {
    /// The canary of a service, if it has one.
    public func canary(ofService service: UUID) async throws -> Entity<CanarySpec>? {
        try await session.selectOne(StoreTables.canaries, where: [.equals("service_id", service.storeText)])?.entity
    }

    /// The canaries of the given services (services without one are absent).
    public func canaries(ofServices services: [UUID]) async throws -> [UUID: Entity<CanarySpec>] {
        let rows = try await session.select(StoreTables.canaries, where: [.oneOf("service_id", services.map(\.storeText))])
        return Dictionary(try rows.map { (try $0.owner().id, $0.entity) }) { first, _ in first }
    }

    /// The names of the services whose canary sends traffic to the upstream `name`, sorted.
    public func serviceNames(withCanaryOn name: String) async throws -> [String] {
        try await session.select(StoreTables.canaries, where: [.equals("upstream", name)]).map { try $0.owner().name }.sorted()
    }
}

extension StoreTransaction {
    /// Stores the canary of a service.
    public func insertCanary(_ spec: CanarySpec, service: UUID) async throws -> Entity<CanarySpec> {
        try await insert(StoreTables.canaries, spec, references: ["service_id": .text(service.storeText)])
    }

    /// Replaces a canary's spec; its step clock restarts (its `updated_at` is now).
    public func replaceCanary(_ current: EntityMetadata, with spec: CanarySpec) async throws -> Entity<CanarySpec> {
        try await replace(StoreTables.canaries, current, with: spec)
    }

    /// Deletes a canary.
    public func deleteCanary(id: UUID) async throws {
        try await delete(StoreTables.canaries, id: id)
    }
}
