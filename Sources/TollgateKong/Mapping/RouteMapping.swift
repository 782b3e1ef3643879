import TollgateCore

/// Tollgate routes ↔ Kong routes (traditional router fields, `~` regex paths as in Kong 3).
enum RouteMapping {
    /// The body of `PUT /routes/{name}` for a route of the service with id `serviceID`.
    static func kongBody(_ spec: RouteSpec, serviceID: String) -> JSONValue {
        [
            "name": .string(spec.name), "service": ["id": .string(serviceID)],
            "paths": spec.paths.isEmpty ? .null : JSONValue(spec.paths),
            "hosts": spec.hosts.isEmpty ? .null : JSONValue(spec.hosts),
            "methods": spec.methods.isEmpty ? .null : JSONValue(spec.methods),
            "headers": spec.headers.isEmpty ? .null : .object(spec.headers.mapValues(JSONValue.init)),
            "protocols": JSONValue(spec.protocols.map(\.rawValue)), "strip_path": .bool(spec.stripPath),
            "preserve_host": .bool(spec.preserveHost), "regex_priority": .int(spec.regexPriority),
            "tags": JSONValue(spec.tags),
        ]
    }

    /// The route a Kong route entity describes.
    static func entity(_ kong: JSONValue) throws(GatewayError) -> Entity<RouteSpec> {
        var headers: [String: [String]] = [:]
        for (name, values) in kong["headers"]?.objectValue ?? [:] {
            headers[name.lowercased()] = values.strings
        }
        let protocols = (kong["protocols"]?.strings ?? ["http", "https"]).compactMap(RouteSpec.ClientProtocol.init(rawValue:))
        let spec = RouteSpec(
            name: kong["name"]?.stringValue ?? kong["id"]?.stringValue ?? "", paths: kong["paths"]?.strings ?? [],
            hosts: kong["hosts"]?.strings ?? [], methods: kong["methods"]?.strings ?? [], headers: headers,
            protocols: protocols.sorted { $0.rawValue < $1.rawValue }, stripPath: kong["strip_path"]?.boolValue ?? true,
            preserveHost: kong["preserve_host"]?.boolValue ?? false,
            regexPriority: kong["regex_priority"]?.intValue ?? 0, tags: KongEntity.userTags(kong))
        return Entity(metadata: try KongEntity.metadata(kong), spec: spec)
    }
}
