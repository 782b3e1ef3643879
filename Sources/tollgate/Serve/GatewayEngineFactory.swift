import Logging
import ServiceLifecycle
import TollgateAdmin
import TollgateCore
import TollgateEmbedded
import TollgateKong
import TollgateProxy

/// An engine opened for `serve`: what answers the API, the services it runs (in
/// start order; they stop in reverse), and the proxy when the engine has one.
struct OpenedEngine {
    let gateway: any GatewayEngine
    let services: [any Service]
    let proxy: ProxyServer?
    /// The data plane's Prometheus metrics, when the engine has a data plane.
    var metrics: AdminAPI.MetricsSource? = nil
}

/// Opens the engine the settings name.
enum GatewayEngineFactory {
    static func open(settings: ServeSettings, logger: Logger) async throws -> OpenedEngine {
        switch (settings.engine, settings.store) {
        case (.kong, _):
            let kong = KongEngine(configuration: settings.kong, logger: logger)
            return OpenedEngine(gateway: kong, services: [kong], proxy: nil)
        case (.embedded, .sqlite(let path)):
            let tlsListener = try settings.tlsListener()
            let upstreamTLS = try settings.upstreamTLS()
            let trafficStats = TrafficPolicyStats()
            let embedded: EmbeddedEngine
            do {
                embedded = try await EmbeddedEngine.open(sqlitePath: path, trafficStats: trafficStats, logger: logger)
            } catch {
                throw StartupError("cannot open the configuration store at \(path): \(error)")
            }
            let proxy = ProxyServer(
                configuration: .init(
                    host: settings.proxyAddress.host, port: settings.proxyAddress.port, tls: tlsListener),
                initialConfig: .empty, upstreamTLS: upstreamTLS, logger: logger)
            let compiler = RuntimeConfigCompiler(
                health: embedded.healthRegistry, balancerState: BalancerStateRegistry(), pluginSettings: settings.plugins,
                trafficStats: trafficStats,
                trafficSettings: settings.trafficPolicies, upstreamAccess: proxy.upstreamAccess)
            let healthChecker = ActiveHealthChecker(registry: embedded.healthRegistry, tls: upstreamTLS, logger: logger)
            let dataPlane = DataPlane(
                engine: embedded, proxy: proxy, compiler: compiler, healthChecker: healthChecker, logger: logger)
            let metrics = compiler.metrics
            return OpenedEngine(
                gateway: embedded, services: [embedded, proxy, healthChecker, dataPlane], proxy: proxy,
                metrics: { metrics.render() })
        case (.embedded, .postgres):
            throw UsageError("--store postgres:// (cluster mode) is not available in this version; use sqlite:PATH")
        }
    }
}
