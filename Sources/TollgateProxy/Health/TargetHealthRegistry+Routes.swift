import Synchronization
import TollgateCore

extension TargetHealthRegistry {
    /// Remembers which upstreams the routes of `config` use, for
    /// ``routedUpstreamsWithoutUsableTarget()``; called when a configuration is applied.
    public func watchRoutedUpstreams(of config: GatewayConfig) {
        let upstreams = RoutedUpstream.all(in: config, cell: cell(for:))
        routed.withLock { $0 = upstreams }
    }

    /// The names of the upstreams routes use that have no usable target (a
    /// degraded gateway: their routes answer 503), in the configuration's order.
    public func routedUpstreamsWithoutUsableTarget() -> [String] {
        routed.withLock { $0 }.filter { !$0.hasUsableTarget }.map(\.name)
    }
}
