import Foundation
import TollgateCore

/// Builds the ``TenantRateLimitStage`` of each route from the snapshot's tenant
/// limits: one stage per service, shared by its routes; none where no limit applies.
///
/// One ``RateLimiter`` holds every tenant's counters; it is kept in the plugin
/// state registry, so counts survive configuration changes.
struct TenantRateLimitSource: RouteStageSource {
    /// The plugin-state key of the tenants' counters.
    static let stateKey = "tenant-rate-limits"

    func stages(for config: GatewayConfig, routes: [RouteIdentity], compile: ChainCompileContext) -> [UUID: [RankedStage]] {
        guard !config.tenantRateLimits.isEmpty else { return [:] }
        let limiter = compile.state(key: Self.stateKey) { RateLimiter() }
        let tenantHeader = compile.environment.settings.tenantHeader
        var byService: [String: RankedStage?] = [:]
        var stages: [UUID: [RankedStage]] = [:]
        for route in routes {
            let stage =
                byService[route.serviceName]
                ?? Self.stage(config.tenantRateLimits, service: route.serviceName, header: tenantHeader, limiter: limiter)
            byService[route.serviceName] = stage
            if let stage { stages[route.routeID] = [stage] }
        }
        return stages
    }

    private static func stage(
        _ limits: [TenantRateLimitRecord], service: String, header: String, limiter: RateLimiter
    ) -> RankedStage? {
        var policies: [String: RateLimitPolicy] = [:]
        for record in limits where record.entity.spec.service.map({ $0 == service }) ?? true {
            let spec = record.entity.spec
            policies[record.tenant] = RateLimitPolicy(windows: spec.windows, algorithm: spec.algorithm)
        }
        guard !policies.isEmpty else { return nil }
        let stage = TenantRateLimitStage(limits: policies, tenantHeader: header, limiter: limiter)
        return RankedStage(name: TenantRateLimitStage.name, priority: TenantRateLimitStage.priority, plugin: stage)
    }
}
