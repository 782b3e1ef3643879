import Foundation
import TollgateCore

/// Builds the traffic-policy stages of a snapshot (tenant limits, canary,
/// mirroring): stages that act on requests like plugins but come from their own
/// resources rather than from `/plugins`.
protocol RouteStageSource: Sendable {
    /// The stages of each route, by route id; routes without stages may be absent.
    func stages(for config: GatewayConfig, routes: [RouteIdentity], compile: ChainCompileContext) -> [UUID: [RankedStage]]
}

/// A stage and its place in the chain (see ``BuiltInPlugins`` for the order).
struct RankedStage {
    let name: String
    let priority: Int
    let plugin: any ProxyPlugin
}

/// Every source of traffic stages. Adding a traffic policy is adding its source here.
enum TrafficStages {
    static let sources: [any RouteStageSource] = [
        TenantRateLimitSource(),
        CanaryStages(),
        MirrorStages(),
    ]
}
