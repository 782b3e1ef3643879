import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import TollgateCore
@testable import TollgateProxy

/// A ``ProxyServer`` on an ephemeral 127.0.0.1 port, run by a `ServiceGroup` as in
/// production, with the registries its snapshots are compiled with and an HTTP
/// client pointed at it.
struct ProxyHarness: Sendable {
    let server: ProxyServer
    let compiler: RuntimeConfigCompiler
    let health: TargetHealthRegistry
    let port: Int
    let client: HTTPClient
    /// The service group running the proxy (to trigger a graceful shutdown mid-test).
    let services: ServiceGroup

    /// Runs `body` against a proxy serving `config`, then shuts everything down.
    static func run<Result>(
        _ config: GatewayConfig, headerTimeout: TimeAmount = ProxyLimits.headerTimeout,
        resolver: HostResolver = HostResolver(), health: TargetHealthRegistry = TargetHealthRegistry(),
        pluginSettings: PluginSettings = PluginSettings(),
        pluginFactories: [String: PluginFactory] = BuiltInPlugins.factories,
        _ body: (ProxyHarness) async throws -> Result
    ) async throws -> Result {
        let logger = Logger(label: "tollgate.proxy.tests") { _ in SwiftLogNoOpLogHandler() }
        let server = ProxyServer(
            configuration: .init(host: "127.0.0.1", port: 0, headerTimeout: headerTimeout),
            initialConfig: .empty, threads: 2, resolver: resolver, logger: logger)
        let compiler = RuntimeConfigCompiler(
            health: health, balancerState: BalancerStateRegistry(),
            plugins: PluginEnvironment(settings: pluginSettings, logger: logger, upstreamAccess: server.upstreamAccess),
            pluginFactories: pluginFactories)
        await server.publish(compiler.compile(config))
        let services = ServiceGroup(services: [server], logger: logger)
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(30))
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(30)),
                connectionPool: pool))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let outcome: Swift.Result<Result, any Error>
            do {
                let port = try await server.localAddress().port ?? 0
                let harness = ProxyHarness(
                    server: server, compiler: compiler, health: health, port: port, client: client,
                    services: services)
                outcome = .success(try await body(harness))
            } catch {
                outcome = .failure(error)
            }
            try? await client.shutdown()
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try outcome.get()
        }
    }

    /// Runs `body` against a proxy routing every path (route `r` of service `svc`) to
    /// one fresh test upstream named `a`.
    static func withOneService(
        headerTimeout: TimeAmount = ProxyLimits.headerTimeout, _ body: (ProxyHarness, TestUpstream) async throws -> Void
    ) async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await run(builder.build(), headerTimeout: headerTimeout) { proxy in
            try await body(proxy, upstream)
        }
    }

    /// Compiles `config` and makes it the snapshot of new requests.
    func publish(_ config: GatewayConfig) async {
        await server.publish(compiler.compile(config))
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Sends one request through the proxy and collects the response (up to 4 MiB).
    func request(
        _ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: ByteBuffer? = nil
    ) async throws -> ProxiedResponse {
        var request = HTTPClientRequest(url: url(path))
        request.method = method
        request.headers.add(contentsOf: headers)
        if let body { request.body = .bytes(body) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 4 << 20)
        return ProxiedResponse(status: response.status, headers: response.headers, body: collected)
    }

    /// A raw TCP connection to the proxy.
    func rawConnection() async throws -> RawConnection {
        try await RawConnection.connect(port: port)
    }
}
