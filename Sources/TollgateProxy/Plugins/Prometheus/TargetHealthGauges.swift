import Prometheus
import Synchronization

/// The `tollgate_upstream_target_health` gauges: one per target of the upstreams
/// of the latest snapshot, read from their health when metrics are rendered.
final class TargetHealthGauges: Sendable {
    private struct Target: Hashable {
        let upstream: String
        let address: String
    }

    private let registry: PrometheusCollectorRegistry
    private let upstreams = Mutex<[UpstreamRuntime]>([])
    private let gauges = Mutex<[Target: Gauge]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Follows the upstreams of a new snapshot.
    func watch(_ upstreams: [UpstreamRuntime]) {
        self.upstreams.withLock { $0 = upstreams }
    }

    /// Sets each gauge from its target's current health; drops gauges of removed targets.
    func update() {
        let current = upstreams.withLock { $0 }
        gauges.withLock { gauges in
            var live: Set<Target> = []
            for upstream in current {
                for (address, cell) in zip(upstream.addresses, upstream.healthCells) {
                    let target = Target(upstream: upstream.name, address: address.description)
                    live.insert(target)
                    let gauge = gauges[target] ?? registry.makeGauge(
                        descriptor: MetricNames.targetHealth,
                        labels: [("upstream", target.upstream), ("target", target.address)])
                    gauges[target] = gauge
                    gauge.set(to: cell.isUsable ? 1.0 : 0.0)
                }
            }
            for (target, gauge) in gauges where !live.contains(target) {
                registry.unregisterGauge(gauge)
                gauges[target] = nil
            }
        }
    }
}
