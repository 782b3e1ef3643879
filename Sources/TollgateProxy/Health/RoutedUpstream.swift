import Foundation
import TollgateCore

/// An upstream that routes send traffic to, with the targets that can take it.
struct RoutedUpstream: Sendable {
    let name: String
    /// Its targets of weight above zero.
    let targets: [TargetHealthCell]

    /// Whether some target can take traffic.
    var hasUsableTarget: Bool { targets.contains { $0.isUsable } }

    /// The upstreams the routes of `config` use: their services' hosts and the
    /// upstreams of those services' canaries (mirrors are not traffic clients wait for).
    static func all(in config: GatewayConfig, cell: (TargetKey) -> TargetHealthCell) -> [RoutedUpstream] {
        let routedServices = Set(config.routes.map(\.owner.id))
        var names = Set(config.services.filter { routedServices.contains($0.metadata.id) }.map { $0.spec.host.lowercased() })
        for canary in config.canaries where routedServices.contains(canary.owner.id) {
            if let name = canary.entity.spec.destination.upstreamName { names.insert(name.lowercased()) }
        }
        let targets = Dictionary(grouping: config.targets, by: \.owner.id)
        return config.upstreams.filter { names.contains($0.spec.name.lowercased()) }.map { upstream in
            RoutedUpstream(
                name: upstream.spec.name,
                targets: (targets[upstream.metadata.id] ?? []).filter { $0.entity.spec.weight > 0 }.map {
                    cell(TargetKey(upstream: upstream.metadata.id, target: $0.entity.metadata.id))
                })
        }
    }
}
