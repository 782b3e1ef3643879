import Hummingbird
import TollgateCore

/// `/services/{serviceName}/routes` and `/routes`.
struct RouteEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.post("services/:serviceName/routes") { request, context in
            let service = try context.pathParameter("serviceName")
            let spec = try RouteSpec.parse(try await request.jsonBody(context: context))
            return Response.upserted(try await engine.upsertRoute(spec, service: service, ifMatch: request.ifMatch))
        }
        group.get("routes") { request, _ in
            let page = try request.pageRequest()
            return Response.page(try await engine.listRoutes(page), request: request, size: page.size)
        }
        group.get("routes/:routeName") { _, context in
            Response.record(try await engine.route(named: try context.pathParameter("routeName")))
        }
        group.delete("routes/:routeName") { request, context in
            try await engine.deleteRoute(named: try context.pathParameter("routeName"), ifMatch: request.ifMatch)
            return Response.noContent
        }
    }
}
