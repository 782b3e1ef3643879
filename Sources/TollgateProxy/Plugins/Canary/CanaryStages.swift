import Foundation
import NIOCore
import TollgateCore

/// The canary stage of every route of a service that has a canary.
struct CanaryStages: RouteStageSource {
    func stages(for config: GatewayConfig, routes: [RouteIdentity], compile: ChainCompileContext) -> [UUID: [RankedStage]] {
        let traffic = compile.trafficPolicies
        traffic.stats.retain(canaries: Set(config.canaries.map(\.entity.metadata.id)))
        guard !config.canaries.isEmpty else { return [:] }
        let servicePaths = Dictionary(config.services.map { ($0.metadata.id, $0.spec.path) }) { first, _ in first }
        let now = Date()
        let uptime = NIODeadline.now()
        var byService: [UUID: RankedStage] = [:]
        for canary in config.canaries {
            let id = canary.entity.metadata.id
            let spec = canary.entity.spec
            let stage = CanaryStage(
                target: CanaryTarget(
                    spec.destination, servicePath: servicePaths[canary.owner.id] ?? nil, upstreams: compile.upstreams),
                schedule: CanarySchedule(spec: spec, start: canary.entity.metadata.updatedAt, now: now, uptime: uptime),
                affinity: CanaryAffinity(spec), seed: XXHash32.hash(id.uuidString.utf8),
                overrideHeader: spec.overrideHeader,
                split: compile.state(key: "canary-split:\(id.uuidString)") { EvenSelector() },
                counters: traffic.stats.canaryCells(id), marksResponses: traffic.settings.canaryResponseHeader)
            byService[canary.owner.id] = RankedStage(name: CanaryStage.name, priority: CanaryStage.priority, plugin: stage)
        }
        var stages: [UUID: [RankedStage]] = [:]
        for route in routes {
            if let stage = byService[route.serviceID] { stages[route.routeID] = [stage] }
        }
        return stages
    }
}
