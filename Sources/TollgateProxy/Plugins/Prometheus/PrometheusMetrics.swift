import Prometheus
import Synchronization

/// Everything the `prometheus` plugin counts, in one registry that outlives
/// snapshots: plugin state under a fixed key, shared by every instance of the
/// plugin, and read by ``MetricsExporter``.
final class PrometheusMetrics: Sendable {
    /// The plugin state key.
    static let stateKey = "prometheus/metrics"

    private let registry = PrometheusCollectorRegistry()
    private let routes = Mutex<[RouteIdentity: RouteSeries]>([:])
    private let targets: TargetHealthGauges
    private let inUse = Atomic<Bool>(false)

    init() {
        targets = TargetHealthGauges(registry: registry)
    }

    /// Called by each plugin instance when a snapshot is compiled: the metrics are
    /// live, and target health follows the snapshot's upstreams.
    func attach(upstreams: [UpstreamRuntime]) {
        inUse.store(true, ordering: .relaxed)
        targets.watch(upstreams)
    }

    /// The series of `route`, made on its first request.
    func series(for route: RouteIdentity) -> RouteSeries {
        if let series = routes.withLock({ $0[route] }) { return series }
        let series = RouteSeries(route: route, registry: registry)
        return routes.withLock { routes in
            if let existing = routes[route] { return existing }
            routes[route] = series
            return series
        }
    }

    /// The Prometheus text exposition of every metric; a comment alone when no
    /// `prometheus` plugin is enabled.
    func render() -> String {
        guard inUse.load(ordering: .relaxed) else {
            return "# no prometheus plugin is enabled: POST /plugins {\"name\": \"prometheus\"} to collect metrics\n"
        }
        targets.update()
        return registry.emitToString()
    }
}
