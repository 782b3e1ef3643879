import Hummingbird
import TollgateCore

/// `/plugins` and `/plugins/{pluginId}`.
struct PluginEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("plugins") { request, _ in
            let page = try request.pageRequest()
            return Response.page(try await engine.listPlugins(page), request: request, size: page.size)
        }
        group.post("plugins") { request, context in
            let spec = try PluginSpec.parse(try await request.jsonBody(context: context))
            return Response.record(try await engine.createPlugin(spec), status: .created)
        }
        group.get("plugins/:pluginId") { _, context in
            Response.record(try await engine.plugin(id: try context.pathParameter("pluginId")))
        }
        group.patch("plugins/:pluginId") { request, context in
            let id = try context.pathParameter("pluginId")
            let patch = try await request.jsonBody(context: context)
            return Response.record(try await engine.updatePlugin(id: id, patch: patch, ifMatch: request.ifMatch))
        }
        group.delete("plugins/:pluginId") { request, context in
            try await engine.deletePlugin(id: try context.pathParameter("pluginId"), ifMatch: request.ifMatch)
            return Response.noContent
        }
    }
}
