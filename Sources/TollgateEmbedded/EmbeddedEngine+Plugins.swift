import Foundation
import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    public func listPlugins(_ page: PageRequest) async throws(GatewayError) -> Page<PluginRecord> {
        try await reading { session in
            let plugins = try await session.plugins(page)
            return Page(data: plugins.items.map(PluginRecord.init), nextCursor: plugins.nextCursor)
        }
    }

    public func plugin(id: String) async throws(GatewayError) -> PluginRecord {
        try await reading { session in PluginRecord(entity: try await session.existingPlugin(id)) }
    }

    public func createPlugin(_ spec: PluginSpec) async throws(GatewayError) -> PluginRecord {
        try await writing { transaction in
            let scope = try await PluginScope.resolve(spec, in: transaction)
            if let existing = try await transaction.plugin(named: spec.name, service: scope.service, route: scope.route) {
                let id = existing.metadata.id.uuidString.lowercased()
                throw GatewayError.conflict(
                    "plugin '\(spec.name)' already exists \(scope.description) (id \(id)); change it with PATCH /plugins/\(id)")
            }
            return PluginRecord(entity: try await transaction.insertPlugin(spec, service: scope.service, route: scope.route))
        }
    }

    public func updatePlugin(id: String, patch: JSONValue, ifMatch: String?) async throws(GatewayError) -> PluginRecord {
        try await writing { transaction in
            let plugin = try await transaction.existingPlugin(id)
            try Precondition.check(ifMatch, current: plugin.metadata.etag)
            let spec = try plugin.spec.patched(with: patch)
            return PluginRecord(entity: try await transaction.replacePlugin(plugin.metadata, with: spec))
        }
    }

    public func deletePlugin(id: String, ifMatch: String?) async throws(GatewayError) {
        try await writing { transaction in
            let plugin = try await transaction.existingPlugin(id)
            try Precondition.check(ifMatch, current: plugin.metadata.etag)
            try await transaction.deletePlugin(id: plugin.metadata.id)
        }
    }
}
