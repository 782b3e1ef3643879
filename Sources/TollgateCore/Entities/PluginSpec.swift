/// A plugin instance: a built-in plugin, its scope and its configuration.
public struct PluginSpec: EntitySpec {
    public var name: String
    /// The service this instance is scoped to (a name), or nil.
    public var service: String?
    /// The route this instance is scoped to (a name), or nil.
    public var route: String?
    /// The complete stored configuration (defaults applied).
    public var config: JSONValue
    public var enabled: Bool
    public var tags: [String]

    public init(
        name: String, service: String? = nil, route: String? = nil, config: JSONValue, enabled: Bool = true,
        tags: [String] = []
    ) {
        self.name = name
        self.service = service
        self.route = route
        self.config = config
        self.enabled = enabled
        self.tags = tags
    }

    public static func read(_ reader: ObjectReader) -> PluginSpec? {
        let name = reader.string("name", required: true) { name in
            PluginCatalog.schemas[name] == nil
                ? "names no built-in plugin; use one of \(PluginCatalog.names.joined(separator: ", "))" : nil
        }
        let service = reader.string("service", check: Syntax.name)
        let route = reader.string("route", check: Syntax.name)
        if service != nil && route != nil {
            reader.fail("route", "cannot be given together with service: a plugin has one scope")
        }
        let config = readConfig(reader, plugin: name)
        let enabled = reader.bool("enabled", default: true)
        let tags = reader.tags()
        guard let name, let config, let enabled, let tags, !(service != nil && route != nil) else { return nil }
        return PluginSpec(name: name, service: service, route: route, config: config, enabled: enabled, tags: tags)
    }

    /// Reads `config` through the named plugin's schema (an absent config is an empty one).
    static func readConfig(_ reader: ObjectReader, plugin: String?) -> JSONValue? {
        let raw = reader.raw("config") ?? .object([:])
        guard let plugin, let schema = PluginCatalog.schemas[plugin] else { return nil }
        guard let config = reader.validator.object(raw, at: reader.path(of: "config")) else { return nil }
        let normalized = schema.read(config)
        config.rejectUnknown()
        return normalized
    }

    /// Applies a PATCH body: `config` merged key by key over the stored one and
    /// validated again, `enabled` and `tags` replaced when given.
    public func patched(with body: JSONValue) throws(GatewayError) -> PluginSpec {
        try Validator.parse(body) { reader in
            for fixed in ["name", "service", "route"] where reader.raw(fixed) != nil {
                reader.fail(fixed, "cannot be changed; delete the plugin and create it again")
            }
            var result = self
            if let overlay = reader.raw("config") {
                guard overlay.objectValue != nil else {
                    reader.fail("config", "must be an object, got \(overlay.typeName)")
                    return nil
                }
                guard let schema = PluginCatalog.schemas[name],
                    let reader = reader.validator.object(config.merging(overlay), at: "config")
                else { return nil }
                guard let normalized = schema.read(reader) else { return nil }
                reader.rejectUnknown()
                result.config = normalized
            }
            if let enabled = reader.bool("enabled") { result.enabled = enabled }
            if let tags = reader.strings("tags", check: Syntax.tag) { result.tags = tags }
            return result
        }
    }

    public var members: [String: JSONValue] {
        [
            "name": .string(name), "service": JSONValue(service), "route": JSONValue(route), "config": config,
            "enabled": .bool(enabled), "tags": JSONValue(tags),
        ]
    }

    /// The members as responses show them (the plugin's public view of its config).
    public var publicMembers: [String: JSONValue] {
        var members = self.members
        members["config"] = PluginCatalog.schemas[name]?.publicView(config) ?? config
        return members
    }
}
