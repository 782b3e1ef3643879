import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    public func listServices(_ page: PageRequest) async throws(GatewayError) -> Page<ServiceRecord> {
        try await reading { session in
            let services = try await session.services(page)
            return Page(data: try await serviceRecords(services.items, session), nextCursor: services.nextCursor)
        }
    }

    public func service(named name: String) async throws(GatewayError) -> ServiceRecord {
        try await reading { session in try await serviceRecord(session.existingService(name), session) }
    }

    public func upsertService(_ spec: ServiceSpec, ifMatch: String?) async throws(GatewayError) -> Upserted<ServiceRecord> {
        try await writing { [self] transaction in
            let current = try await transaction.service(named: spec.name)
            try Precondition.check(ifMatch, current: current?.metadata.etag)
            guard let current else {
                // A new service has no routes and no canary yet.
                let service = try await transaction.insertService(spec)
                return Upserted(ServiceRecord(entity: service, routes: [], canary: nil), created: true)
            }
            let service = try await transaction.replaceService(current.metadata, with: spec)
            return Upserted(try await serviceRecord(service, transaction), created: false)
        }
    }

    public func deleteService(named name: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let service = try await transaction.existingService(name)
            try Precondition.check(ifMatch, current: service.metadata.etag)
            try await transaction.deleteService(id: service.metadata.id)
        }
    }
}
