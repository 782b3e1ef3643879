import Foundation
import NIOCore
import TollgateCore

/// The mirror stage of every route that has a mirror.
struct MirrorStages: RouteStageSource {
    func stages(for config: GatewayConfig, routes: [RouteIdentity], compile: ChainCompileContext) -> [UUID: [RankedStage]] {
        let traffic = compile.trafficPolicies
        traffic.stats.retain(mirrors: Set(config.mirrors.map(\.entity.metadata.id)))
        var stages: [UUID: [RankedStage]] = [:]
        for mirror in config.mirrors {
            let id = mirror.entity.metadata.id.uuidString
            let spec = mirror.entity.spec
            let stage = MirrorStage(
                sampler: compile.state(key: "mirror-sample:\(id)") { EvenSelector() },
                samplePerMillion: EvenSelector.perMillion(percent: spec.samplePercent), includeBody: spec.includeBody,
                timeout: .milliseconds(Int64(spec.timeoutMs)),
                destination: MirrorDestination(spec.destination, upstreams: compile.upstreams),
                hostSuffix: traffic.settings.mirrorHostSuffix,
                dispatcher: compile.state(key: "mirror:\(id)") {
                    MirrorDispatcher(
                        counters: traffic.stats.mirrorCells(mirror.entity.metadata.id),
                        upstreamAccess: compile.environment.upstreamAccess)
                })
            stages[mirror.owner.id] = [RankedStage(name: MirrorStage.name, priority: MirrorStage.priority, plugin: stage)]
        }
        return stages
    }
}
