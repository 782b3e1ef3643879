/// `correlation-id`: tags each request with an id header.
public enum CorrelationIDSchema: PluginSchema {
    public static let name = "correlation-id"

    /// How request ids are generated.
    public enum Generator: String, CaseIterable, Sendable {
        case uuid
    }

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let header = config.string("header_name", default: "X-Request-ID", check: Syntax.headerName)
        let generator = config.choice("generator", default: Generator.uuid)
        let echo = config.bool("echo_downstream", default: true)
        guard let header, let generator, let echo else { return nil }
        return ["header_name": .string(header), "generator": .string(generator.rawValue), "echo_downstream": .bool(echo)]
    }
}
