import Foundation
import TollgateCore
import TollgateStore

/// Where a plugin instance applies: a route, a service, or everywhere.
struct PluginScope {
    /// The id of the service the plugin is scoped to.
    var service: UUID?
    /// The id of the route the plugin is scoped to.
    var route: UUID?
    /// "globally", "on service 'orders'", "on route 'orders-api'".
    var description: String

    /// Resolves the names a plugin spec gives to ids; 400 on `service` / `route` when they name nothing.
    static func resolve(_ spec: PluginSpec, in store: some StoreReading) async throws -> PluginScope {
        if let name = spec.service {
            let service = try await store.referencedService(name, field: "service")
            return PluginScope(service: service.metadata.id, description: "on service '\(name)'")
        }
        if let name = spec.route {
            guard let route = try await store.route(named: name) else {
                throw GatewayError.invalid(field: "route", "names no route '\(name)'")
            }
            return PluginScope(route: route.entity.metadata.id, description: "on route '\(name)'")
        }
        return PluginScope(description: "globally")
    }
}
