import TollgateCore
import TollgateProxy
import TollgateStore

extension EmbeddedEngine {
    public func mirror(route: String) async throws(GatewayError) -> MirrorRecord {
        try await reading { session in
            let route = try await session.existingRoute(route)
            return mirrorRecord(try await session.existingMirror(of: route), route: route.entity.spec.name)
        }
    }

    public func upsertMirror(_ spec: MirrorSpec, route: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<MirrorRecord>
    {
        try await writing { [self] transaction in
            let route = try await transaction.existingRoute(route)
            let current = try await transaction.mirror(ofRoute: route.entity.metadata.id)
            try Precondition.check(ifMatch, current: current?.metadata.etag)
            if let upstream = spec.destination.upstreamName {
                try await transaction.checkUpstreamExists(upstream, field: "upstream")
            }
            let mirror =
                if let current {
                    try await transaction.replaceMirror(current.metadata, with: spec)
                } else {
                    try await transaction.insertMirror(spec, route: route.entity.metadata.id)
                }
            return Upserted(mirrorRecord(mirror, route: route.entity.spec.name), created: current == nil)
        }
    }

    /// A mirror with the counters of its copies.
    func mirrorRecord(_ mirror: Entity<MirrorSpec>, route: String) -> MirrorRecord {
        MirrorRecord(route: route, entity: mirror, counters: trafficStats.mirror(mirror.metadata.id))
    }

    public func deleteMirror(route: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let route = try await transaction.existingRoute(route)
            let mirror = try await transaction.existingMirror(of: route)
            try Precondition.check(ifMatch, current: mirror.metadata.etag)
            try await transaction.deleteMirror(id: mirror.metadata.id)
        }
    }
}

extension StoreReading {
    /// The mirror of a route; 404 when it has none.
    fileprivate func existingMirror(of route: GatewayConfig.Owned<RouteSpec>) async throws -> Entity<MirrorSpec> {
        guard let mirror = try await mirror(ofRoute: route.entity.metadata.id) else {
            throw GatewayError.notFound("route '\(route.entity.spec.name)' has no mirror")
        }
        return mirror
    }
}
