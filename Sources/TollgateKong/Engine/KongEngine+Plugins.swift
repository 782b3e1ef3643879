import Foundation
import NIOHTTP1
import TollgateCore

extension KongEngine {
    /// Plugins scoped to a consumer are tenant rate limits; they are listed under `/tenants`, not here.
    public func listPlugins(_ page: PageRequest) async throws(GatewayError) -> Page<PluginRecord> {
        let plugins = try await self.page("/plugins", page)
        let listed = plugins.data.filter { KongEntity.foreignID($0["consumer"]) == nil }
        let services = try await names("services", ids: listed.compactMap { KongEntity.foreignID($0["service"]) })
        let routes = try await names("routes", ids: listed.compactMap { KongEntity.foreignID($0["route"]) })
        var records: [PluginRecord] = []
        for plugin in listed {
            records.append(try pluginRecord(plugin, services: services, routes: routes))
        }
        return Page(data: records, nextCursor: plugins.next)
    }

    public func plugin(id: String) async throws(GatewayError) -> PluginRecord {
        try await pluginRecord(try await existingPlugin(id))
    }

    public func createPlugin(_ spec: PluginSpec) async throws(GatewayError) -> PluginRecord {
        var serviceID: String?
        var routeID: String?
        var scope = "globally"
        if let name = spec.service {
            serviceID = try await referencedService(name, field: "service")["id"]?.stringValue
            scope = "on service '\(name)'"
        }
        if let name = spec.route {
            guard let route = try await find(KongPath.entity("routes", name)) else {
                throw .invalid(field: "route", "names no route '\(name)'")
            }
            routeID = route["id"]?.stringValue
            scope = "on route '\(name)'"
        }
        let body = try PluginMapping.kongBody(spec, serviceID: serviceID, routeID: routeID)
        let response = try await send(.POST, "/plugins", body: body)
        if response.status == 409 {
            throw .conflict(
                "plugin '\(spec.name)' already exists \(scope); find its id with GET /plugins and change it with PATCH /plugins/{id}")
        }
        guard response.isSuccess else {
            throw KongErrorTranslator(renamedFields: PluginConfigMapping.of(spec.name).kongToTollgate, notFound: "")
                .error(for: response, call: "POST /plugins")
        }
        return PluginRecord(entity: try PluginMapping.entity(response.body, service: spec.service, route: spec.route))
    }

    public func updatePlugin(id: String, patch: JSONValue, ifMatch: String?) async throws(GatewayError) -> PluginRecord {
        let current = try await pluginRecord(try await existingPlugin(id))
        try Precondition.check(ifMatch, current: current.entity.metadata.etag)
        let spec = try current.entity.spec.patched(with: patch)
        let body: JSONValue = [
            "config": try PluginConfigMapping.of(spec.name).kong(spec.config), "enabled": .bool(spec.enabled),
            "tags": JSONValue(spec.tags),
        ]
        let updated = try await call(
            .PATCH, KongPath.entity("plugins", id), body: body, notFound: "plugin '\(id)' does not exist",
            renamedFields: PluginConfigMapping.of(spec.name).kongToTollgate)
        return PluginRecord(entity: try PluginMapping.entity(updated, service: spec.service, route: spec.route))
    }

    public func deletePlugin(id: String, ifMatch: String?) async throws(GatewayError) {
        let plugin = try await pluginRecord(try await existingPlugin(id))
        try Precondition.check(ifMatch, current: plugin.entity.metadata.etag)
        try await call(.DELETE, KongPath.entity("plugins", id))
    }

    /// The plugin whose id is in the path; 404 when the id is not a UUID, names no
    /// plugin, or names a tenant rate limit (a consumer's plugin).
    private func existingPlugin(_ id: String) async throws(GatewayError) -> JSONValue {
        guard UUID(uuidString: id) != nil, let plugin = try await find(KongPath.entity("plugins", id)),
            KongEntity.foreignID(plugin["consumer"]) == nil
        else { throw .notFound("plugin '\(id)' does not exist") }
        return plugin
    }

    /// A plugin with its scope's names read from Kong.
    private func pluginRecord(_ plugin: JSONValue) async throws(GatewayError) -> PluginRecord {
        let services = try await names("services", ids: KongEntity.foreignID(plugin["service"]).map { [$0] } ?? [])
        let routes = try await names("routes", ids: KongEntity.foreignID(plugin["route"]).map { [$0] } ?? [])
        return try pluginRecord(plugin, services: services, routes: routes)
    }

    private func pluginRecord(_ plugin: JSONValue, services: [String: String], routes: [String: String]) throws(GatewayError)
        -> PluginRecord
    {
        let service = KongEntity.foreignID(plugin["service"]).flatMap { services[$0] }
        let route = KongEntity.foreignID(plugin["route"]).flatMap { routes[$0] }
        return PluginRecord(entity: try PluginMapping.entity(plugin, service: service, route: route))
    }
}
