import Hummingbird
import TollgateCore

/// `/services` and `/services/{serviceName}`.
struct ServiceEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("services") { request, _ in
            let page = try request.pageRequest()
            return Response.page(try await engine.listServices(page), request: request, size: page.size)
        }
        group.post("services") { request, context in
            let spec = try ServiceSpec.parse(try await request.jsonBody(context: context))
            return Response.upserted(try await engine.upsertService(spec, ifMatch: request.ifMatch))
        }
        group.get("services/:serviceName") { _, context in
            Response.record(try await engine.service(named: try context.pathParameter("serviceName")))
        }
        group.delete("services/:serviceName") { request, context in
            try await engine.deleteService(named: try context.pathParameter("serviceName"), ifMatch: request.ifMatch)
            return Response.noContent
        }
    }
}
