import Foundation
import Logging
import TollgateCore

/// Compiles each route's ``PluginChain``: for every plugin name the most specific
/// enabled instance (route, then service, then global), plus the traffic stages
/// of the route, ordered by priority.
///
/// Each plugin instance is built once per snapshot and shared by the routes it
/// applies to. An instance whose plugin the data plane cannot run, or whose build
/// fails, answers 500 on its routes: a configured plugin is never skipped silently.
struct RouteChainBuilder {
    let compile: ChainCompileContext
    var factories = BuiltInPlugins.factories
    var stageSources = TrafficStages.sources

    /// The chains of `routes`, in the same order.
    func build(_ config: GatewayConfig, routes: [RouteIdentity]) -> [PluginChain] {
        let enabled = config.plugins.filter(\.spec.enabled)
        var built: [UUID: RankedStage] = [:]
        for plugin in enabled { built[plugin.metadata.id] = instance(of: plugin) }
        var stagesByRoute: [UUID: [RankedStage]] = [:]
        for source in stageSources {
            stagesByRoute.merge(source.stages(for: config, routes: routes, compile: compile)) { $0 + $1 }
        }
        let logger = compile.environment.logger
        return routes.map { route in
            var stages = Self.applicable(enabled, to: route).compactMap { built[$0.metadata.id] }
            stages += stagesByRoute[route.routeID] ?? []
            if stages.isEmpty { return .empty }
            stages.sort { ($0.priority, $1.name) > ($1.priority, $0.name) }
            return PluginChain(links: stages.map { PluginChain.Link(name: $0.name, plugin: $0.plugin) }, logger: logger)
        }
    }

    /// For each plugin name, the most specific instance that applies to `route`.
    static func applicable(_ plugins: [Entity<PluginSpec>], to route: RouteIdentity) -> [Entity<PluginSpec>] {
        var chosen: [String: (specificity: Int, plugin: Entity<PluginSpec>)] = [:]
        for plugin in plugins {
            let specificity: Int
            switch (plugin.spec.route, plugin.spec.service) {
            case (route.routeName?, _): specificity = 2
            case (nil, route.serviceName?): specificity = 1
            case (nil, nil): specificity = 0
            default: continue
            }
            if let current = chosen[plugin.spec.name], current.specificity >= specificity { continue }
            chosen[plugin.spec.name] = (specificity, plugin)
        }
        return chosen.values.map(\.plugin)
    }

    private func instance(of plugin: Entity<PluginSpec>) -> RankedStage {
        let name = plugin.spec.name
        do {
            guard let factory = factories[name] else { throw PluginUnavailable(name: name) }
            let input = PluginBuildInput(id: plugin.metadata.id, config: plugin.spec.config, compile: compile)
            return RankedStage(name: name, priority: factory.priority, plugin: try factory.build(input))
        } catch {
            compile.environment.logger.error(
                "plugin could not be built; its routes answer 500",
                metadata: ["plugin": "\(name)", "id": "\(plugin.metadata.id)", "error": "\(error)"])
            return RankedStage(name: name, priority: Int.max, plugin: UnavailablePlugin(name: name))
        }
    }
}

/// A stored plugin that has no runtime on this data plane.
struct PluginUnavailable: Error, CustomStringConvertible {
    let name: String
    var description: String { "the embedded engine cannot run plugin '\(name)'" }
}
