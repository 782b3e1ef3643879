import Hummingbird
import TollgateCore

/// The management API: every endpoint of the contract under ``basePath``,
/// answering through one ``GatewayEngine``.
public struct AdminAPI: Sendable {
    /// The path every endpoint lives under.
    public static let basePath = "/api/v1/gateway"

    /// Renders the data plane's metrics in the Prometheus text format.
    public typealias MetricsSource = @Sendable () async -> String

    let engine: any GatewayEngine
    let startedAt: ContinuousClock.Instant
    let metrics: MetricsSource?

    /// - Parameters:
    ///   - engine: The engine that answers every endpoint.
    ///   - startedAt: When the gateway started, for `uptime_s`.
    ///   - metrics: What `GET /metrics` answers; nil when the engine has no data plane of its own.
    public init(engine: any GatewayEngine, startedAt: ContinuousClock.Instant = .now, metrics: MetricsSource? = nil) {
        self.engine = engine
        self.startedAt = startedAt
        self.metrics = metrics
    }

    /// Builds the router: logging and problem documents around everything, and
    /// `authentication` in front of every endpoint but `/health` and `/openapi.json`.
    public func router(
        authentication: some RouterMiddleware<AdminRequestContext>
    ) -> Router<AdminRequestContext> {
        let router = Router(context: AdminRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ProblemMiddleware())
        let api = router.group(RouterPath(Self.basePath))
        PublicEndpoints(engine: engine, startedAt: startedAt, openAPIDocument: PublicEndpoints.loadOpenAPIDocument())
            .register(on: api)
        let protected = api.group().add(middleware: authentication)
        ServiceEndpoints(engine: engine).register(on: protected)
        RouteEndpoints(engine: engine).register(on: protected)
        PluginEndpoints(engine: engine).register(on: protected)
        UpstreamEndpoints(engine: engine).register(on: protected)
        TargetEndpoints(engine: engine).register(on: protected)
        TrafficPolicyEndpoints(engine: engine).register(on: protected)
        MetricsEndpoint(source: metrics).register(on: protected)
        return router
    }
}
