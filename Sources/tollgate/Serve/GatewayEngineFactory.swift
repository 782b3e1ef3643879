import Logging
import ServiceLifecycle
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
}

/// Opens the engine the settings name.
enum GatewayEngineFactory {
    static func open(settings: ServeSettings, logger: Logger) async throws -> OpenedEngine {
        switch (settings.engine, settings.store) {
        case (.kong, _):
            let kong = KongEngine(adminURL: settings.kongAdminURL, logger: logger)
            return OpenedEngine(gateway: kong, services: [kong], proxy: nil)
        case (.embedded, .sqlite(let path)):
            let embedded: EmbeddedEngine
            do {
                embedded = try await EmbeddedEngine.open(sqlitePath: path, logger: logger)
            } catch {
                throw StartupError("cannot open the configuration store at \(path): \(error)")
            }
            let proxy = ProxyServer(
                configuration: .init(host: settings.proxyAddress.host, port: settings.proxyAddress.port),
                initialConfig: .empty, logger: logger)
            let compiler = RuntimeConfigCompiler(health: embedded.healthRegistry, balancerState: BalancerStateRegistry())
            let dataPlane = DataPlane(engine: embedded, proxy: proxy, compiler: compiler, logger: logger)
            return OpenedEngine(gateway: embedded, services: [embedded, proxy, dataPlane], proxy: proxy)
        case (.embedded, .postgres):
            throw UsageError("--store postgres:// (cluster mode) is not available in this version; use sqlite:PATH")
        }
    }
}
