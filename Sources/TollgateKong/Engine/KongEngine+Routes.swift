import NIOHTTP1
import TollgateCore

extension KongEngine {
    public func listRoutes(_ page: PageRequest) async throws(GatewayError) -> Page<RouteRecord> {
        let routes = try await self.page("/routes", page)
        let services = try await names("services", ids: routes.data.compactMap { KongEntity.foreignID($0["service"]) })
        var records: [RouteRecord] = []
        for route in routes.data {
            let service = KongEntity.foreignID(route["service"]).flatMap { services[$0] } ?? ""
            records.append(RouteRecord(entity: try RouteMapping.entity(route), service: service))
        }
        return Page(data: records, nextCursor: routes.next)
    }

    public func route(named name: String) async throws(GatewayError) -> RouteRecord {
        try await routeRecord(try await existingRoute(name))
    }

    public func upsertRoute(_ spec: RouteSpec, service: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<RouteRecord>
    {
        let owner = try await existingService(service)
        let ownerID = owner["id"]?.stringValue ?? ""
        let current = try await find(KongPath.entity("routes", spec.name))
        if let current, let currentOwner = KongEntity.foreignID(current["service"]), currentOwner != ownerID {
            let other = try await names("services", ids: [currentOwner])[currentOwner] ?? currentOwner
            throw .conflict("route '\(spec.name)' belongs to service '\(other)'; delete it there or choose another name")
        }
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        let route = try await call(
            .PUT, KongPath.entity("routes", spec.name), body: RouteMapping.kongBody(spec, serviceID: ownerID))
        return Upserted(RouteRecord(entity: try RouteMapping.entity(route), service: service), created: current == nil)
    }

    /// Deletes a route; Kong deletes the plugins scoped to it (its mirror included).
    public func deleteRoute(named name: String, ifMatch: String?) async throws(GatewayError) {
        let route = try await existingRoute(name)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: route))
        try await call(.DELETE, KongPath.entity("routes", route["id"]?.stringValue ?? name))
    }

    /// A route with its service's name.
    func routeRecord(_ route: JSONValue) async throws(GatewayError) -> RouteRecord {
        var service = ""
        if let id = KongEntity.foreignID(route["service"]) {
            service = try await names("services", ids: [id])[id] ?? id
        }
        return RouteRecord(entity: try RouteMapping.entity(route), service: service)
    }
}
