import Hummingbird
import TollgateCore

/// Tenant rate limits, canaries and mirrors: one resource each under its owner,
/// with the same create-or-update, read and delete endpoints.
struct TrafficPolicyEndpoints {
    let engine: any GatewayEngine

    func register(on group: RouterGroup<AdminRequestContext>) {
        let engine = self.engine
        Self.register(
            on: group, path: "tenants/:tenantId/rate-limit", owner: "tenantId", check: Syntax.tenantID,
            read: { try await engine.tenantRateLimit(tenant: $0) },
            upsert: { (spec: TenantRateLimitSpec, tenant, ifMatch) in
                try await engine.upsertTenantRateLimit(spec, tenant: tenant, ifMatch: ifMatch)
            },
            delete: { try await engine.deleteTenantRateLimit(tenant: $0, ifMatch: $1) })
        Self.register(
            on: group, path: "services/:serviceName/canary", owner: "serviceName",
            read: { try await engine.canary(service: $0) },
            upsert: { (spec: CanarySpec, service, ifMatch) in
                try await engine.upsertCanary(spec, service: service, ifMatch: ifMatch)
            },
            delete: { try await engine.deleteCanary(service: $0, ifMatch: $1) })
        Self.register(
            on: group, path: "routes/:routeName/mirror", owner: "routeName",
            read: { try await engine.mirror(route: $0) },
            upsert: { (spec: MirrorSpec, route, ifMatch) in
                try await engine.upsertMirror(spec, route: route, ifMatch: ifMatch)
            },
            delete: { try await engine.deleteMirror(route: $0, ifMatch: $1) })
    }

    /// Registers `POST`, `GET` and `DELETE` on `path`, whose `owner` parameter names
    /// the entity the resource belongs to; `check` refuses a malformed owner on writes.
    private static func register<Spec: EntitySpec, Record: APIRepresentable>(
        on group: RouterGroup<AdminRequestContext>, path: RouterPath, owner: String,
        check: (@Sendable (String) -> String?)? = nil,
        read: @escaping @Sendable (String) async throws -> Record,
        upsert: @escaping @Sendable (Spec, String, String?) async throws -> Upserted<Record>,
        delete: @escaping @Sendable (String, String?) async throws -> Void
    ) {
        group.post(path) { request, context in
            let name = try context.pathParameter(owner)
            if let problem = check?(name) { throw GatewayError.invalid(field: owner, problem) }
            let spec = try Spec.parse(try await request.jsonBody(context: context))
            return Response.upserted(try await upsert(spec, name, request.ifMatch))
        }
        group.get(path) { _, context in
            Response.record(try await read(try context.pathParameter(owner)))
        }
        group.delete(path) { request, context in
            try await delete(try context.pathParameter(owner), request.ifMatch)
            return Response.noContent
        }
    }
}
