import TollgateCore

/// Tollgate services ↔ Kong services: the same fields, with Kong's timeout names.
enum ServiceMapping {
    /// Kong's names of the fields Tollgate spells differently, for field errors.
    static let renamedFields = [
        "connect_timeout": "connect_timeout_ms", "write_timeout": "write_timeout_ms", "read_timeout": "read_timeout_ms",
    ]

    /// The body of `PUT /services/{name}`; `keptTags` are bookkeeping tags of the replaced service.
    static func kongBody(_ spec: ServiceSpec, keptTags: [String] = []) -> JSONValue {
        [
            "name": .string(spec.name), "protocol": .string(spec.scheme.rawValue), "host": .string(spec.host),
            "port": .int(spec.port), "path": JSONValue(spec.path), "retries": .int(spec.retries),
            "connect_timeout": .int(spec.connectTimeoutMs), "write_timeout": .int(spec.writeTimeoutMs),
            "read_timeout": .int(spec.readTimeoutMs), "tags": JSONValue(spec.tags + keptTags),
        ]
    }

    /// The service a Kong service entity describes.
    static func entity(_ kong: JSONValue) throws(GatewayError) -> Entity<ServiceSpec> {
        let spec = ServiceSpec(
            name: kong["name"]?.stringValue ?? kong["id"]?.stringValue ?? "",
            scheme: kong["protocol"]?.stringValue.flatMap(UpstreamURL.Scheme.init(rawValue:)) ?? .http,
            host: kong["host"]?.stringValue ?? "", port: kong["port"]?.intValue ?? 80,
            path: kong["path"]?.stringValue, retries: kong["retries"]?.intValue ?? 5,
            connectTimeoutMs: kong["connect_timeout"]?.intValue ?? 60000,
            writeTimeoutMs: kong["write_timeout"]?.intValue ?? 60000,
            readTimeoutMs: kong["read_timeout"]?.intValue ?? 60000, tags: KongEntity.userTags(kong))
        return Entity(metadata: try KongEntity.metadata(kong), spec: spec)
    }
}
