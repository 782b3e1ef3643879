/// `response-transformer`: edits response headers before they reach the client.
public enum ResponseTransformerSchema: PluginSchema {
    public static let name = "response-transformer"

    public static func read(_ config: ObjectReader) -> JSONValue? {
        TransformRules.read(config, targets: [.headers])
    }
}
