/// The configuration schema of one built-in plugin.
///
/// A schema reads a `config` object with field-level errors and returns the
/// complete configuration with every default applied, so the stored config is
/// whole. The data plane's plugin runtime reads the same stored form.
public protocol PluginSchema: Sendable {
    /// The plugin's name as clients write it (`rate-limiting`).
    static var name: String { get }
    /// Reads `config` (an empty object when the client sent none) and returns the
    /// normalized configuration, or nil after recording errors on `config`'s reader.
    static func read(_ config: ObjectReader) -> JSONValue?
    /// The configuration as responses show it; secrets kept only hashed are replaced here.
    static func publicView(_ stored: JSONValue) -> JSONValue
}

extension PluginSchema {
    public static func publicView(_ stored: JSONValue) -> JSONValue { stored }
}

/// The registry of built-in plugins: adding a plugin is adding its schema here.
public enum PluginCatalog {
    /// Every built-in plugin schema, by name.
    public static let schemas: [String: any PluginSchema.Type] = Dictionary(
        uniqueKeysWithValues: builtIn.map { ($0.name, $0) })

    private static let builtIn: [any PluginSchema.Type] = [
        RateLimitingSchema.self, CORSSchema.self, IPRestrictionSchema.self, RequestSizeLimitingSchema.self,
        RequestTransformerSchema.self, ResponseTransformerSchema.self, CorrelationIDSchema.self, JWTSchema.self,
        KeyAuthSchema.self, PrometheusSchema.self, HTTPLogSchema.self,
    ]

    /// The names of the built-in plugins, sorted.
    public static var names: [String] { schemas.keys.sorted() }
}
