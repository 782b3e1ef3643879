/// Renders what the `prometheus` plugin collected, in the Prometheus text format,
/// for the management API's `GET /metrics`. Safe to call from any task.
public struct MetricsExporter: Sendable {
    /// The `Content-Type` of ``render()``'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let state: PluginStateRegistry

    /// The current metrics: request counts, latency histograms, bandwidth and
    /// upstream target health; a comment alone when no `prometheus` plugin is enabled.
    public func render() -> String {
        (state.existing(for: PrometheusMetrics.stateKey, as: PrometheusMetrics.self) ?? PrometheusMetrics()).render()
    }
}
