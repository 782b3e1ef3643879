import ArgumentParser
import Hummingbird
import Logging
import ServiceLifecycle
import TollgateAdmin
import TollgateCore
import TollgateProxy

/// `tollgate serve`: the management API and, on the embedded engine, the gateway's data.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the management API on the embedded engine (default) or a Kong cluster.")

    @OptionGroup var auth: AuthOptions

    @Option(name: .customLong(Setting.adminListen.rawValue), help: Setting.adminListen.helpText)
    var adminListen: String?

    @Option(name: .customLong(Setting.proxyListen.rawValue), help: Setting.proxyListen.helpText)
    var proxyListen: String?

    @Option(name: .customLong(Setting.proxyTLSListen.rawValue), help: Setting.proxyTLSListen.helpText)
    var proxyTLSListen: String?

    @Option(name: .customLong(Setting.tlsCert.rawValue), help: Setting.tlsCert.helpText)
    var tlsCert: String?

    @Option(name: .customLong(Setting.tlsKey.rawValue), help: Setting.tlsKey.helpText)
    var tlsKey: String?

    @Option(name: .customLong(Setting.upstreamCAFile.rawValue), help: Setting.upstreamCAFile.helpText)
    var upstreamCAFile: String?

    @Option(name: .customLong(Setting.canaryResponseHeader.rawValue), help: Setting.canaryResponseHeader.helpText)
    var canaryResponseHeader: String?

    @Option(name: .customLong(Setting.mirrorHostSuffix.rawValue), help: Setting.mirrorHostSuffix.helpText)
    var mirrorHostSuffix: String?

    @Option(name: .customLong(Setting.tenantHeader.rawValue), help: Setting.tenantHeader.helpText)
    var tenantHeader: String?

    @Option(name: .customLong(Setting.store.rawValue), help: Setting.store.helpText)
    var store: String?

    @Option(name: .customLong(Setting.engine.rawValue), help: Setting.engine.helpText)
    var engine: String?

    @Option(name: .customLong(Setting.kongAdminURL.rawValue), help: Setting.kongAdminURL.helpText)
    var kongAdminURL: String?

    @Option(name: .customLong(Setting.kongTimeoutMs.rawValue), help: Setting.kongTimeoutMs.helpText)
    var kongTimeoutMs: String?

    @Option(name: .customLong(Setting.kongAdminToken.rawValue), help: Setting.kongAdminToken.helpText)
    var kongAdminToken: String?

    @Option(name: .customLong(Setting.kongMirrorPlugin.rawValue), help: Setting.kongMirrorPlugin.helpText)
    var kongMirrorPlugin: String?

    @Option(name: .customLong(Setting.jwtPublicKey.rawValue), help: Setting.jwtPublicKey.helpText)
    var jwtPublicKey: String?

    @Option(name: .customLong(Setting.jwksURL.rawValue), help: Setting.jwksURL.helpText)
    var jwksURL: String?

    @Option(name: .customLong(Setting.roleClaim.rawValue), help: Setting.roleClaim.helpText)
    var roleClaim: String?

    func run() async throws {
        let settings = try ServeSettings(self)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        let logger = Logger(label: "tollgate")
        let authentication = try await AdminAuthentication.start(settings: settings, options: auth, logger: logger)
        let engine = try await GatewayEngineFactory.open(settings: settings, logger: logger)
        let router = AdminAPI(engine: engine.gateway, metrics: engine.metrics).router(
            authentication: AdminAuthMiddleware<AdminRequestContext>(verifier: authentication.verifier))
        let banner = StartupBanner(settings: settings, firstStartToken: authentication.firstStartToken)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(settings.adminAddress.host, port: settings.adminAddress.port)),
            services: engine.services + authentication.verifier.services,
            onServerRunning: { [proxy = engine.proxy] channel in
                let proxyAddress = try? await proxy?.localAddress()
                let proxyTLSAddress = try? await proxy?.tlsLocalAddress()
                banner.print(
                    adminPort: channel.localAddress?.port, proxyPort: proxyAddress?.port,
                    proxyTLSPort: proxyTLSAddress?.port)
            },
            logger: logger)
        do {
            try await application.runService()
        } catch {
            throw StartupError("the gateway stopped: \(error)")
        }
    }
}
