import Logging
import NIOCore
import TollgateCore

/// Compiles a ``GatewayConfig`` into a ``RuntimeConfig``, off the hot path: the
/// router, every balancer and each route's service are built once per change.
///
/// The registries it is given hold the state that outlives snapshots (health,
/// round-robin positions, requests in flight), keyed by entity ids.
public struct RuntimeConfigCompiler: Sendable {
    let health: TargetHealthRegistry
    let balancerState: BalancerStateRegistry
    let plugins: PluginEnvironment
    let pluginFactories: [String: PluginFactory]
    /// Counters and settings of canaries and mirrors.
    let traffic: TrafficPolicyEnvironment

    /// - Parameters:
    ///   - health: Target health, shared with the management API.
    ///   - balancerState: Balancer state that survives configuration changes.
    ///   - pluginSettings: Gateway-wide settings plugins and traffic policies read.
    ///   - trafficStats: Where canaries and mirrors count, read by the management API.
    ///   - trafficSettings: Gateway-wide settings of canaries and mirrors.
    ///   - logger: Where plugin failures are logged.
    ///   - upstreamAccess: How the proxy reaches upstreams (``ProxyServer/upstreamAccess``):
    ///     mirror copies are sent the same way, from the loop that served the request.
    public init(
        health: TargetHealthRegistry, balancerState: BalancerStateRegistry, pluginSettings: PluginSettings = PluginSettings(),
        trafficStats: TrafficPolicyStats = TrafficPolicyStats(),
        trafficSettings: TrafficPolicySettings = TrafficPolicySettings(),
        logger: Logger = Logger(label: "tollgate.plugins"),
        upstreamAccess: UpstreamAccess = .standalone()
    ) {
        self.init(
            health: health, balancerState: balancerState,
            plugins: PluginEnvironment(settings: pluginSettings, logger: logger, upstreamAccess: upstreamAccess),
            pluginFactories: BuiltInPlugins.factories,
            traffic: TrafficPolicyEnvironment(stats: trafficStats, settings: trafficSettings))
    }

    /// A compiler with its own plugin set (tests run plugins of their own through it).
    init(
        health: TargetHealthRegistry, balancerState: BalancerStateRegistry, plugins: PluginEnvironment,
        pluginFactories: [String: PluginFactory], traffic: TrafficPolicyEnvironment = TrafficPolicyEnvironment()
    ) {
        self.health = health
        self.balancerState = balancerState
        self.plugins = plugins
        self.pluginFactories = pluginFactories
        self.traffic = traffic
    }

    /// Builds the snapshot of `config`.
    public func compile(_ config: GatewayConfig) -> RuntimeConfig {
        balancerState.retain(liveIn: config)
        let upstreams = compileUpstreams(config)
        var services: [String: (runtime: ServiceRuntime, path: String?)] = [:]
        for service in config.services {
            services[service.spec.name] = compile(service.spec, upstreams: upstreams)
        }
        var entries: [RouteTable.Entry] = []
        var identities: [RouteIdentity] = []
        var routeServices: [ServiceRuntime] = []
        for route in config.routes {
            guard let service = services[route.owner.name] else { continue }
            entries.append(RouteTable.Entry(spec: route.entity.spec, servicePath: service.path, index: routeServices.count))
            identities.append(
                RouteIdentity(
                    routeID: route.entity.metadata.id, routeName: route.entity.spec.name, serviceID: route.owner.id,
                    serviceName: route.owner.name))
            routeServices.append(service.runtime)
        }
        let chainCompile = ChainCompileContext(environment: plugins, upstreams: upstreams)
        chainCompile.provide(traffic)
        let chains = RouteChainBuilder(compile: chainCompile, factories: pluginFactories).build(config, routes: identities)
        plugins.state.retain(chainCompile.usedStateKeys)
        let routes = identities.indices.map {
            RouteRuntime(identity: identities[$0], service: routeServices[$0], chain: chains[$0])
        }
        return RuntimeConfig(version: config.version, routeTable: RouteTable(routes: entries), routes: routes)
    }

    private func compileUpstreams(_ config: GatewayConfig) -> [String: UpstreamRuntime] {
        let targetsByUpstream = Dictionary(grouping: config.targets, by: \.owner.id)
        var result: [String: UpstreamRuntime] = [:]
        for upstream in config.upstreams {
            let targets = (targetsByUpstream[upstream.metadata.id] ?? []).map(\.entity)
            let spec = upstream.spec
            let hashing: RequestHashing =
                switch spec.hashOn {
                case .none: .none
                case .header: spec.hashOnHeader.map(RequestHashing.header) ?? .none
                case .cookie: spec.hashOnCookie.map { .cookie(name: $0, path: spec.hashOnCookiePath) } ?? .none
                case .ip: .clientAddress
                }
            // Hosts are stored lowercase; upstream names keep their case.
            result[spec.name.lowercased()] = UpstreamRuntime(
                name: spec.name,
                balancer: UpstreamBalancer(upstream: upstream, targets: targets, registry: balancerState),
                addresses: targets.map { target in
                    let (host, port) = HostPort.split(target.spec.target[...], defaultPort: TargetSpec.defaultPort)
                        ?? (target.spec.target, TargetSpec.defaultPort)
                    return UpstreamAddress(host: host, port: port, tls: false)
                },
                healthKeys: targets.map { TargetKey(upstream: upstream.metadata.id, target: $0.metadata.id) },
                health: health, checks: spec.healthchecks, hashing: hashing)
        }
        return result
    }

    private func compile(_ spec: ServiceSpec, upstreams: [String: UpstreamRuntime]) -> (runtime: ServiceRuntime, path: String?) {
        let destination: ServiceRuntime.Destination =
            upstreams[spec.host.lowercased()].map(ServiceRuntime.Destination.upstream)
            ?? .address(UpstreamAddress(host: spec.host, port: spec.port, tls: spec.scheme == .https))
        let runtime = ServiceRuntime(
            name: spec.name, destination: destination, connectTimeout: .milliseconds(Int64(spec.connectTimeoutMs)),
            readTimeout: .milliseconds(Int64(spec.readTimeoutMs)), writeTimeout: .milliseconds(Int64(spec.writeTimeoutMs)),
            retries: spec.retries, usesTLS: spec.scheme == .https)
        return (runtime, spec.path)
    }
}
