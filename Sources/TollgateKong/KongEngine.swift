import AsyncHTTPClient
import Logging
import ServiceLifecycle
import NIOCore
import NIOHTTP1
import TollgateCore

/// The Kong engine: the management API answered by an existing Kong cluster
/// through Kong's Admin API.
///
/// This first version checks Kong's reachability for `GET /health`; every
/// configuration endpoint answers 501 until the Kong mapping is built.
public final class KongEngine: GatewayEngine {
    private let adminURL: String
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let logger: Logger

    /// - Parameters:
    ///   - adminURL: Kong's Admin API, e.g. `http://127.0.0.1:8001`.
    ///   - timeout: The limit of every call to Kong.
    ///   - logger: Where Kong failures are logged.
    public init(adminURL: String, timeout: TimeAmount = .seconds(5), logger: Logger) {
        self.adminURL = adminURL.hasSuffix("/") ? String(adminURL.dropLast()) : adminURL
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: timeout, read: timeout)
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = timeout
        self.logger = logger
    }

    /// Closes the connections to Kong.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func health() async -> EngineHealth {
        var reachable = false
        do {
            let response = try await client.execute(HTTPClientRequest(url: adminURL + "/status"), timeout: timeout)
            reachable = response.status == .ok
        } catch {
            logger.warning("Kong Admin API unreachable", metadata: ["url": "\(adminURL)", "error": "\(error)"])
        }
        return EngineHealth(
            engine: "kong", configVersion: nil, checks: ["kong_admin": reachable ? "ok" : "unreachable"],
            isServing: reachable)
    }

    private func unsupported(_ what: String) -> GatewayError {
        .notImplemented("The Kong engine does not manage \(what) yet; use the embedded engine (--engine embedded)")
    }

    public func listServices(_ page: PageRequest) async throws(GatewayError) -> Page<ServiceRecord> { throw unsupported("services") }
    public func service(named name: String) async throws(GatewayError) -> ServiceRecord { throw unsupported("services") }
    public func upsertService(_ spec: ServiceSpec, ifMatch: String?) async throws(GatewayError) -> Upserted<ServiceRecord> { throw unsupported("services") }
    public func deleteService(named name: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("services") }
    public func listRoutes(_ page: PageRequest) async throws(GatewayError) -> Page<RouteRecord> { throw unsupported("routes") }
    public func route(named name: String) async throws(GatewayError) -> RouteRecord { throw unsupported("routes") }
    public func upsertRoute(_ spec: RouteSpec, service: String, ifMatch: String?) async throws(GatewayError) -> Upserted<RouteRecord> { throw unsupported("routes") }
    public func deleteRoute(named name: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("routes") }
    public func listPlugins(_ page: PageRequest) async throws(GatewayError) -> Page<PluginRecord> { throw unsupported("plugins") }
    public func plugin(id: String) async throws(GatewayError) -> PluginRecord { throw unsupported("plugins") }
    public func createPlugin(_ spec: PluginSpec) async throws(GatewayError) -> PluginRecord { throw unsupported("plugins") }
    public func updatePlugin(id: String, patch: JSONValue, ifMatch: String?) async throws(GatewayError) -> PluginRecord { throw unsupported("plugins") }
    public func deletePlugin(id: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("plugins") }
    public func listUpstreams(_ page: PageRequest) async throws(GatewayError) -> Page<UpstreamRecord> { throw unsupported("upstreams") }
    public func upstream(named name: String) async throws(GatewayError) -> UpstreamRecord { throw unsupported("upstreams") }
    public func upsertUpstream(_ upsert: UpstreamUpsert, ifMatch: String?) async throws(GatewayError) -> Upserted<UpstreamRecord> { throw unsupported("upstreams") }
    public func deleteUpstream(named name: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("upstreams") }
    public func applyPreset(_ preset: Preset) async throws(GatewayError) -> Upserted<UpstreamRecord> { throw unsupported("presets") }
    public func listTargets(upstream: String, _ page: PageRequest) async throws(GatewayError) -> Page<TargetRecord> { throw unsupported("targets") }
    public func upsertTarget(_ spec: TargetSpec, upstream: String) async throws(GatewayError) -> Upserted<TargetRecord> { throw unsupported("targets") }
    public func setTargetWeight(upstream: String, target: String, weight: Int, ifMatch: String?) async throws(GatewayError) -> TargetRecord { throw unsupported("targets") }
    public func deleteTarget(upstream: String, target: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("targets") }
    public func upstreamHealth(named name: String) async throws(GatewayError) -> UpstreamHealthReport { throw unsupported("upstream health") }
    public func markTarget(upstream: String, target: String, healthy: Bool) async throws(GatewayError) -> TargetRecord { throw unsupported("upstream health") }
    public func tenantRateLimit(tenant: String) async throws(GatewayError) -> TenantRateLimitRecord { throw unsupported("tenant rate limits") }
    public func upsertTenantRateLimit(_ spec: TenantRateLimitSpec, tenant: String, ifMatch: String?) async throws(GatewayError) -> Upserted<TenantRateLimitRecord> { throw unsupported("tenant rate limits") }
    public func deleteTenantRateLimit(tenant: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("tenant rate limits") }
    public func canary(service: String) async throws(GatewayError) -> CanaryRecord { throw unsupported("canaries") }
    public func upsertCanary(_ spec: CanarySpec, service: String, ifMatch: String?) async throws(GatewayError) -> Upserted<CanaryRecord> { throw unsupported("canaries") }
    public func deleteCanary(service: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("canaries") }
    public func mirror(route: String) async throws(GatewayError) -> MirrorRecord { throw unsupported("mirrors") }
    public func upsertMirror(_ spec: MirrorSpec, route: String, ifMatch: String?) async throws(GatewayError) -> Upserted<MirrorRecord> { throw unsupported("mirrors") }
    public func deleteMirror(route: String, ifMatch: String?) async throws(GatewayError) { throw unsupported("mirrors") }
}

extension KongEngine: Service {
    /// Runs until graceful shutdown, then closes the connections to Kong.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
