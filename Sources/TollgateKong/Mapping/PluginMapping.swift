import TollgateCore

/// Tollgate plugin instances ↔ Kong plugins (scoped by service or route id).
enum PluginMapping {
    /// The body of `POST /plugins`.
    static func kongBody(_ spec: PluginSpec, serviceID: String?, routeID: String?) throws(GatewayError) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(spec.name), "config": try PluginConfigMapping.of(spec.name).kong(spec.config),
            "enabled": .bool(spec.enabled), "tags": JSONValue(spec.tags),
        ]
        if let serviceID { body["service"] = ["id": .string(serviceID)] }
        if let routeID { body["route"] = ["id": .string(routeID)] }
        return .object(body)
    }

    /// The plugin a Kong plugin entity describes, scoped by the names of its service and route.
    static func entity(_ kong: JSONValue, service: String?, route: String?) throws(GatewayError) -> Entity<PluginSpec> {
        let name = kong["name"]?.stringValue ?? ""
        let spec = PluginSpec(
            name: name, service: service, route: route,
            config: PluginConfigMapping.of(name).tollgate(kong["config"] ?? .object([:]), plugin: name),
            enabled: kong["enabled"]?.boolValue ?? true, tags: KongEntity.userTags(kong))
        return Entity(metadata: try KongEntity.metadata(kong), spec: spec)
    }
}
