import Foundation
import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    public func canary(service: String) async throws(GatewayError) -> CanaryRecord {
        try await reading { session in
            let service = try await session.existingService(service)
            return canaryRecord(try await session.existingCanary(of: service), service: service.spec.name, now: Date())
        }
    }

    public func upsertCanary(_ spec: CanarySpec, service: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<CanaryRecord>
    {
        try await writing { [self] transaction in
            let service = try await transaction.existingService(service)
            let current = try await transaction.canary(ofService: service.metadata.id)
            try Precondition.check(ifMatch, current: current?.metadata.etag)
            if let upstream = spec.destination.upstreamName {
                try await transaction.checkUpstreamExists(upstream, field: "upstream")
            }
            let canary =
                if let current {
                    try await transaction.replaceCanary(current.metadata, with: spec)
                } else {
                    try await transaction.insertCanary(spec, service: service.metadata.id)
                }
            return Upserted(canaryRecord(canary, service: service.spec.name, now: transaction.now), created: current == nil)
        }
    }

    public func deleteCanary(service: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let service = try await transaction.existingService(service)
            let canary = try await transaction.existingCanary(of: service)
            try Precondition.check(ifMatch, current: canary.metadata.etag)
            try await transaction.deleteCanary(id: canary.metadata.id)
        }
    }
}

extension StoreReading {
    /// The canary of a service; 404 when it has none.
    fileprivate func existingCanary(of service: Entity<ServiceSpec>) async throws -> Entity<CanarySpec> {
        guard let canary = try await canary(ofService: service.metadata.id) else {
            throw GatewayError.notFound("service '\(service.spec.name)' has no canary")
        }
        return canary
    }
}
