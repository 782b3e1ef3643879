/// `prometheus`: counts requests, latencies and bandwidth for `GET /metrics`.
public enum PrometheusSchema: PluginSchema {
    public static let name = "prometheus"

    public static func read(_ config: ObjectReader) -> JSONValue? {
        guard let perConsumer = config.bool("per_consumer", default: false) else { return nil }
        return ["per_consumer": .bool(perConsumer)]
    }
}
