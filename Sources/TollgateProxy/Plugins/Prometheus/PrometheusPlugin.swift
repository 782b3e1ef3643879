import TollgateCore

/// `prometheus`: counts each request of the routes it applies to — by status
/// class and source, with gateway and upstream latency histograms and body
/// bandwidth — and reports upstream target health, for `GET /metrics` on the
/// admin listener (``MetricsExporter``).
///
/// With `per_consumer`, request counts carry the request's tenant.
struct PrometheusPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: PrometheusSchema.name, priority: 13) { input in
        let config = try StoredPluginConfig(input.config, plugin: PrometheusSchema.name)
        let metrics = input.state(key: PrometheusMetrics.stateKey, make: PrometheusMetrics.init)
        metrics.attach(upstreams: Array(input.compile.upstreams.values))
        return PrometheusPlugin(metrics: metrics, perTenant: try config.bool("per_consumer"))
    }

    private let metrics: PrometheusMetrics
    private let perTenant: Bool

    var phases: PluginPhases { .log }

    func log(_ summary: ExchangeSummary, context: RequestContext) {
        metrics.series(for: context.route).record(summary, tenant: perTenant ? context.tenant ?? "" : "")
    }
}
