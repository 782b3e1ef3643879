import Logging
import ServiceLifecycle
import TollgateCore
import TollgateProxy

/// Keeps the proxy's snapshot in step with the store: compiles the configuration
/// after every committed change, publishes it to every event loop, and hands it
/// to the health checks (active probes, routed upstreams for `GET /health`).
///
/// Changes that arrive while a compile runs are coalesced: the next compile reads
/// the newest configuration, so a burst of writes costs one compile, not one each.
public final class DataPlane: Service, Sendable {
    private let engine: EmbeddedEngine
    private let proxy: ProxyServer
    private let compiler: RuntimeConfigCompiler
    private let healthChecker: ActiveHealthChecker
    private let logger: Logger

    /// - Parameters:
    ///   - engine: The engine whose store is the truth.
    ///   - proxy: The proxy that serves the compiled snapshots.
    ///   - compiler: Builds snapshots with the registries that outlive them.
    ///   - healthChecker: Probes the targets of upstreams with active checks (run it as a service too).
    ///   - logger: Where compile failures are logged.
    public init(
        engine: EmbeddedEngine, proxy: ProxyServer, compiler: RuntimeConfigCompiler, healthChecker: ActiveHealthChecker,
        logger: Logger
    ) {
        self.engine = engine
        self.proxy = proxy
        self.compiler = compiler
        self.healthChecker = healthChecker
        self.logger = logger
    }

    public func run() async throws {
        let changes = engine.configChanges()
        var compiled = try await publishCurrent()
        for await version in changes.cancelOnGracefulShutdown() where version > compiled {
            do {
                compiled = try await publishCurrent()
            } catch {
                logger.error("configuration not applied; the proxy keeps the last good snapshot", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Compiles and publishes the current configuration; returns its version.
    private func publishCurrent() async throws -> Int {
        let configuration = try await engine.configuration()
        engine.healthRegistry.retain(liveIn: configuration)
        await proxy.publish(compiler.compile(configuration))
        engine.healthRegistry.watchRoutedUpstreams(of: configuration)
        healthChecker.update(configuration)
        logger.debug("configuration published", metadata: ["config_version": "\(configuration.version)"])
        return configuration.version
    }
}
