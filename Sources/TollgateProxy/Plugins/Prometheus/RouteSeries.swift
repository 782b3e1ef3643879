import NIOCore
import Prometheus
import Synchronization

/// The metrics of one route: its latency histograms and bandwidth counters,
/// made when its first request is logged, and its request counters, made per
/// status class, source and tenant as they occur.
final class RouteSeries: Sendable {
    /// What one request counter counts.
    private struct CountKey: Hashable {
        let statusClass: StatusClass
        let answeredLocally: Bool
        let tenant: String
    }

    private let route: RouteIdentity
    private let registry: PrometheusCollectorRegistry
    private let requestDuration: DurationHistogram
    private let upstreamDuration: DurationHistogram
    private let ingress: Counter
    private let egress: Counter
    private let counters = Mutex<[CountKey: Counter]>([:])

    init(route: RouteIdentity, registry: PrometheusCollectorRegistry) {
        self.route = route
        self.registry = registry
        let labels = [("service", route.serviceName), ("route", route.routeName)]
        requestDuration = registry.makeDurationHistogram(
            descriptor: MetricNames.requestDuration, labels: labels, buckets: MetricNames.latencyBuckets)
        upstreamDuration = registry.makeDurationHistogram(
            descriptor: MetricNames.upstreamDuration, labels: labels, buckets: MetricNames.latencyBuckets)
        ingress = registry.makeCounter(descriptor: MetricNames.bandwidth, labels: labels + [("direction", "ingress")])
        egress = registry.makeCounter(descriptor: MetricNames.bandwidth, labels: labels + [("direction", "egress")])
    }

    /// Counts one finished exchange; `tenant` is empty unless requests are counted per tenant.
    func record(_ summary: ExchangeSummary, tenant: String) {
        counter(CountKey(statusClass: StatusClass(status: summary.status), answeredLocally: summary.answeredLocally, tenant: tenant))
            .increment()
        requestDuration.recordNanoseconds(summary.totalLatency.nanoseconds)
        if let upstream = summary.upstreamLatency { upstreamDuration.recordNanoseconds(upstream.nanoseconds) }
        if summary.requestBodyBytes > 0 { ingress.increment(by: Int64(summary.requestBodyBytes)) }
        if summary.responseBodyBytes > 0 { egress.increment(by: Int64(summary.responseBodyBytes)) }
    }

    private func counter(_ key: CountKey) -> Counter {
        if let counter = counters.withLock({ $0[key] }) { return counter }
        let counter = registry.makeCounter(
            descriptor: MetricNames.requests,
            labels: [
                ("service", route.serviceName), ("route", route.routeName), ("status_class", key.statusClass.rawValue),
                ("source", key.answeredLocally ? "gateway" : "upstream"), ("tenant", key.tenant),
            ])
        counters.withLock { $0[key] = counter }
        return counter
    }
}
