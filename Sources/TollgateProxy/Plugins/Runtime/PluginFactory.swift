import Foundation
import TollgateCore

/// How the data plane builds one kind of plugin from its stored configuration.
struct PluginFactory: Sendable {
    /// The plugin's name, as in ``PluginCatalog``.
    let name: String
    /// Where it runs in a chain: higher first (Kong's priorities; see ``BuiltInPlugins``).
    let priority: Int
    /// Builds an instance. The configuration was validated by the plugin's schema
    /// at admin time, so it is complete; a throw here answers 500 on the routes
    /// the instance applies to.
    let build: @Sendable (PluginBuildInput) throws -> any ProxyPlugin
}

/// What a plugin instance is built from.
struct PluginBuildInput {
    /// The plugin instance's id.
    let id: UUID
    /// Its complete stored configuration.
    let config: JSONValue
    /// The compile this instance is built in.
    let compile: ChainCompileContext

    /// Shared services and settings.
    var environment: PluginEnvironment { compile.environment }

    /// State kept across snapshots under `key`, by default the instance's id.
    func state<State: Sendable>(key: String? = nil, make: () throws -> State) rethrows -> State {
        try compile.state(key: key ?? id.uuidString, make: make)
    }
}
