import Foundation
import TollgateCore
import TollgateStore

/// Lookups of the entities a request names, failing with the error the client must hear.
extension StoreReading {
    /// The service named in the path; 404 when it does not exist.
    func existingService(_ name: String) async throws -> Entity<ServiceSpec> {
        guard let service = try await service(named: name) else {
            throw GatewayError.notFound("service '\(name)' does not exist")
        }
        return service
    }

    /// The route named in the path; 404 when it does not exist.
    func existingRoute(_ name: String) async throws -> GatewayConfig.Owned<RouteSpec> {
        guard let route = try await route(named: name) else { throw GatewayError.notFound("route '\(name)' does not exist") }
        return route
    }

    /// The upstream named in the path; 404 when it does not exist.
    func existingUpstream(_ name: String) async throws -> Entity<UpstreamSpec> {
        guard let upstream = try await upstream(named: name) else {
            throw GatewayError.notFound("upstream '\(name)' does not exist")
        }
        return upstream
    }

    /// The plugin whose id is in the path; 404 when the id is not a UUID or names no plugin.
    func existingPlugin(_ id: String) async throws -> Entity<PluginSpec> {
        guard let uuid = UUID(uuidString: id), let plugin = try await plugin(id: uuid) else {
            throw GatewayError.notFound("plugin '\(id)' does not exist")
        }
        return plugin
    }

    /// The target at a raw path address (canonicalised first); 404 when the upstream has none there.
    func existingTarget(_ address: String, of upstream: Entity<UpstreamSpec>) async throws -> Entity<TargetSpec> {
        guard let canonical = TargetSpec.canonicalAddress(address),
            let target = try await target(upstream: upstream.metadata.id, address: canonical)
        else {
            throw GatewayError.notFound("target '\(address)' does not exist in upstream '\(upstream.spec.name)'")
        }
        return target
    }

    /// The service a body names in `field`; 400 when it does not exist.
    func referencedService(_ name: String, field: String) async throws -> Entity<ServiceSpec> {
        guard let service = try await service(named: name) else {
            throw GatewayError.invalid(field: field, "names no service '\(name)'")
        }
        return service
    }

    /// Checks that the upstream a body names in `field` exists; 400 when it does not.
    func checkUpstreamExists(_ name: String, field: String) async throws {
        guard try await upstream(named: name) != nil else {
            throw GatewayError.invalid(field: field, "names no upstream '\(name)'")
        }
    }
}
