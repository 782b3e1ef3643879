import TollgateCore
import TollgateEmbedded
import TollgateKong

/// Writes an import plan into the embedded engine: upstreams first, then services,
/// routes and plugins, so every reference resolves. Entities already present are
/// replaced (services, routes, upstreams) or kept (plugins, reported).
struct KongImportWriter {
    let engine: EmbeddedEngine

    func write(_ plan: KongImportPlan) async -> KongImportReport {
        var report = KongImportReport(skipped: plan.skipped)
        for upstream in plan.upstreams {
            await report.attempt("upstream \(upstream.spec.name)", counting: \.upstreams) { () throws(GatewayError) in
                _ = try await engine.upsertUpstream(upstream, ifMatch: nil)
            }
        }
        report.targets = plan.targetCount
        for service in plan.services {
            await report.attempt("service \(service.name)", counting: \.services) { () throws(GatewayError) in
                _ = try await engine.upsertService(service, ifMatch: nil)
            }
        }
        for route in plan.routes {
            await report.attempt("route \(route.spec.name)", counting: \.routes) { () throws(GatewayError) in
                _ = try await engine.upsertRoute(route.spec, service: route.service, ifMatch: nil)
            }
        }
        for plugin in plan.plugins {
            await report.attempt("plugin \(plugin.name)", counting: \.plugins) { () throws(GatewayError) in
                _ = try await engine.createPlugin(plugin)
            }
        }
        return report
    }
}
