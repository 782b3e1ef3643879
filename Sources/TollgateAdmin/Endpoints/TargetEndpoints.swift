import Hummingbird
import TollgateCore

/// An upstream's targets, their weights and health.
struct TargetEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("upstreams/:upstreamName/targets") { request, context in
            let page = try request.pageRequest()
            let targets = try await engine.listTargets(upstream: try context.pathParameter("upstreamName"), page)
            return Response.page(targets, request: request, size: page.size)
        }
        group.post("upstreams/:upstreamName/targets") { request, context in
            let upstream = try context.pathParameter("upstreamName")
            let spec = try TargetSpec.parse(try await request.jsonBody(context: context))
            return Response.upserted(try await engine.upsertTarget(spec, upstream: upstream))
        }
        group.patch("upstreams/:upstreamName/targets/:targetAddress/weight") { request, context in
            let (upstream, target) = try Self.targetPath(context)
            let weight = try Validator.parse(try await request.jsonBody(context: context)) { reader in
                reader.int("weight", in: TargetSpec.weights, required: true)
            }
            return Response.record(
                try await engine.setTargetWeight(upstream: upstream, target: target, weight: weight, ifMatch: request.ifMatch))
        }
        group.delete("upstreams/:upstreamName/targets/:targetAddress") { request, context in
            let (upstream, target) = try Self.targetPath(context)
            try await engine.deleteTarget(upstream: upstream, target: target, ifMatch: request.ifMatch)
            return Response.noContent
        }
        group.get("upstreams/:upstreamName/health") { _, context in
            Response.record(try await engine.upstreamHealth(named: try context.pathParameter("upstreamName")))
        }
        for (mark, healthy) in [("healthy", true), ("unhealthy", false)] {
            group.post("upstreams/:upstreamName/targets/:targetAddress/\(mark)") { _, context in
                let (upstream, target) = try Self.targetPath(context)
                return Response.record(try await engine.markTarget(upstream: upstream, target: target, healthy: healthy))
            }
        }
    }

    private static func targetPath(_ context: AdminRequestContext) throws -> (upstream: String, target: String) {
        (try context.pathParameter("upstreamName"), try context.pathParameter("targetAddress"))
    }
}
