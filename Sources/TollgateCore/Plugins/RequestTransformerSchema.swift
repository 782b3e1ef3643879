/// `request-transformer`: edits request headers and query parameters before proxying.
public enum RequestTransformerSchema: PluginSchema {
    public static let name = "request-transformer"

    public static func read(_ config: ObjectReader) -> JSONValue? {
        TransformRules.read(config, targets: [.headers, .querystring])
    }
}
