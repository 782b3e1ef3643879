import Hummingbird
import TollgateCore

/// `/upstreams`, `/upstreams/{upstreamName}` and the load-balancing presets.
struct UpstreamEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("upstreams") { request, _ in
            let page = try request.pageRequest()
            return Response.page(try await engine.listUpstreams(page), request: request, size: page.size)
        }
        group.post("upstreams") { request, context in
            let upsert = try UpstreamUpsert.parse(try await request.jsonBody(context: context))
            return Response.upserted(try await engine.upsertUpstream(upsert, ifMatch: request.ifMatch))
        }
        for kind in Preset.Kind.allCases {
            group.post("upstreams/preset/\(kind.rawValue)") { request, context in
                let preset = try Preset.parse(kind, try await request.jsonBody(context: context))
                return Response.upserted(try await engine.applyPreset(preset))
            }
        }
        group.get("upstreams/:upstreamName") { _, context in
            Response.record(try await engine.upstream(named: try context.pathParameter("upstreamName")))
        }
        group.delete("upstreams/:upstreamName") { request, context in
            try await engine.deleteUpstream(named: try context.pathParameter("upstreamName"), ifMatch: request.ifMatch)
            return Response.noContent
        }
    }
}
