import NIOHTTP1
import TollgateCore

extension KongEngine {
    public func listServices(_ page: PageRequest) async throws(GatewayError) -> Page<ServiceRecord> {
        let services = try await self.page("/services", page)
        let routes = try await all("/routes")
        var routeNames: [String: [String]] = [:]
        for route in routes {
            guard let service = KongEntity.foreignID(route["service"]), let name = route["name"]?.stringValue else { continue }
            routeNames[service, default: []].append(name)
        }
        var records: [ServiceRecord] = []
        for service in services.data {
            let id = service["id"]?.stringValue ?? ""
            records.append(try serviceRecord(service, routes: (routeNames[id] ?? []).sorted()))
        }
        return Page(data: records, nextCursor: services.next)
    }

    public func service(named name: String) async throws(GatewayError) -> ServiceRecord {
        try await serviceRecord(try await existingService(name))
    }

    public func upsertService(_ spec: ServiceSpec, ifMatch: String?) async throws(GatewayError) -> Upserted<ServiceRecord> {
        let current = try await find(KongPath.entity("services", spec.name))
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        let kept = KongTags.bookkeeping(current?["tags"]?.strings ?? [])
        let service = try await call(
            .PUT, KongPath.entity("services", spec.name), body: ServiceMapping.kongBody(spec, keptTags: kept),
            renamedFields: ServiceMapping.renamedFields)
        return Upserted(try await serviceRecord(service), created: current == nil)
    }

    /// Deletes the service's canary (restoring its upstream's weights), its routes one
    /// by one (Kong deletes their plugins), then the service (and its plugins).
    public func deleteService(named name: String, ifMatch: String?) async throws(GatewayError) {
        let service = try await existingService(name)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: service))
        let id = service["id"]?.stringValue ?? name
        var progress = KongProgress("deleting service '\(name)'")
        if let canary = CanaryState(service: service) {
            try await removeCanary(canary, of: service, progress: &progress)
        }
        let routes = try await all(KongPath.entity("services", id) + "/routes").compactMap { $0["name"]?.stringValue ?? $0["id"]?.stringValue }
        for (index, route) in routes.enumerated() {
            let remaining = routes.dropFirst(index + 1).map { "DELETE /routes/\($0)" } + ["DELETE /services/\(name)"]
            try await progress.step("DELETE /routes/\(route)", remaining: remaining) { () throws(GatewayError) in
                try await call(.DELETE, KongPath.entity("routes", route))
            }
        }
        try await progress.step("DELETE /services/\(name)") { () throws(GatewayError) in
            try await call(.DELETE, KongPath.entity("services", id))
        }
    }

    /// A service with its route names (read from Kong) and its canary.
    func serviceRecord(_ service: JSONValue) async throws(GatewayError) -> ServiceRecord {
        let id = service["id"]?.stringValue ?? ""
        let routes = try await all(KongPath.entity("services", id) + "/routes").compactMap { $0["name"]?.stringValue }
        return try serviceRecord(service, routes: routes.sorted())
    }

    private func serviceRecord(_ service: JSONValue, routes: [String]) throws(GatewayError) -> ServiceRecord {
        let entity = try ServiceMapping.entity(service)
        return ServiceRecord(
            entity: entity, routes: routes, canary: CanaryState(service: service).map { $0.record(service: entity.spec.name) })
    }
}
