import TollgateCore

extension PluginSpec {
    /// A plugin as `POST /plugins` stores it: the body parsed and its config read
    /// through the plugin's schema, so every default is applied.
    static func validated(
        _ name: String, service: String? = nil, route: String? = nil, config: JSONValue = [:]
    ) throws -> PluginSpec {
        var body: [String: JSONValue] = ["name": .string(name), "config": config]
        if let service { body["service"] = .string(service) }
        if let route { body["route"] = .string(route) }
        return try PluginSpec.parse(.object(body))
    }
}
