import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import TollgateCore
import TollgateProxy

/// A ``ProxyServer`` on 127.0.0.1 with its plain listener and, when given, a TLS
/// listener; https upstreams (and mirrors) verified as `upstreamTLS` says; every host name
/// resolving to 127.0.0.1 (so certificates can name `upstream.test`); and a
/// client that trusts the test CA.
struct TLSProxyHarness: Sendable {
    let port: Int
    let tlsPort: Int?
    /// Where the proxy's canaries and mirrors count.
    let trafficStats: TrafficPolicyStats

    /// Runs `body` against a proxy serving `config`, then stops it.
    static func run<Result: Sendable>(
        _ config: GatewayConfig, upstreamTLS: UpstreamTLS, listener: TLSListener? = nil,
        _ body: (TLSProxyHarness) async throws -> Result
    ) async throws -> Result {
        let loopback = HostResolver { _, port in try SocketAddress(ipAddress: "127.0.0.1", port: port) }
        let server = ProxyServer(
            configuration: .init(host: "127.0.0.1", port: 0, tls: listener), initialConfig: .empty,
            threads: 1, resolver: loopback, upstreamTLS: upstreamTLS,
            logger: Logger(label: "tollgate.proxy.tls-tests") { _ in SwiftLogNoOpLogHandler() })
        let trafficStats = TrafficPolicyStats()
        let compiler = RuntimeConfigCompiler(
            health: TargetHealthRegistry(), balancerState: BalancerStateRegistry(), trafficStats: trafficStats,
            upstreamAccess: server.upstreamAccess)
        await server.publish(compiler.compile(config))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            let port = try await server.localAddress().port ?? 0
            let tlsPort = listener == nil ? nil : try await server.tlsLocalAddress().port
            return try await body(TLSProxyHarness(port: port, tlsPort: tlsPort, trafficStats: trafficStats))
        }
    }

    /// Sends a GET through the plain listener, or the TLS one with `overTLS`.
    func get(_ path: String, overTLS: Bool = false) async throws -> ProxiedResponse {
        let url = overTLS ? "https://127.0.0.1:\(tlsPort ?? 0)\(path)" : "http://127.0.0.1:\(port)\(path)"
        let response = try await Self.client.get().execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return ProxiedResponse(status: response.status, headers: response.headers, body: body)
    }

    /// One client for the test run, trusting the test CA (it is never shut down).
    private static let client = Swift.Result {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(try TestCertificates.shared().trustedCA)
        return HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(5), read: .seconds(30))))
    }
}

extension ServiceSpec {
    /// An https service on `host:port`, retried once.
    static func https(_ name: String, host: String, port: Int) -> ServiceSpec {
        ServiceSpec(
            name: name, scheme: .https, host: host, port: port, retries: 1, connectTimeoutMs: 5_000,
            writeTimeoutMs: 10_000, readTimeoutMs: 10_000)
    }
}
