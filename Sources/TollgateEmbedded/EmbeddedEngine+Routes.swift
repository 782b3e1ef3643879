import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    public func listRoutes(_ page: PageRequest) async throws(GatewayError) -> Page<RouteRecord> {
        try await reading { session in
            let routes = try await session.routes(page)
            return Page(data: routes.items.map(Self.routeRecord), nextCursor: routes.nextCursor)
        }
    }

    public func route(named name: String) async throws(GatewayError) -> RouteRecord {
        try await reading { session in Self.routeRecord(try await session.existingRoute(name)) }
    }

    public func upsertRoute(_ spec: RouteSpec, service: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<RouteRecord>
    {
        try await writing { transaction in
            let owner = try await transaction.existingService(service)
            let current = try await transaction.route(named: spec.name)
            if let current, current.owner.id != owner.metadata.id {
                throw GatewayError.conflict(
                    "route '\(spec.name)' belongs to service '\(current.owner.name)'; delete it there or choose another name")
            }
            try Precondition.check(ifMatch, current: current?.entity.metadata.etag)
            let route =
                if let current {
                    try await transaction.replaceRoute(current.entity.metadata, with: spec)
                } else {
                    try await transaction.insertRoute(spec, service: owner.metadata.id)
                }
            return Upserted(RouteRecord(entity: route, service: owner.spec.name), created: current == nil)
        }
    }

    public func deleteRoute(named name: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let route = try await transaction.existingRoute(name)
            try Precondition.check(ifMatch, current: route.entity.metadata.etag)
            try await transaction.deleteRoute(id: route.entity.metadata.id)
        }
    }

    private static func routeRecord(_ route: GatewayConfig.Owned<RouteSpec>) -> RouteRecord {
        RouteRecord(entity: route.entity, service: route.owner.name)
    }
}
