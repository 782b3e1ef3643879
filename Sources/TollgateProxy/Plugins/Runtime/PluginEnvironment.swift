import Logging

/// What plugins share beyond their own configuration: the state registry that
/// outlives snapshots, gateway-wide settings, the logger, and the proxy's way to upstreams.
final class PluginEnvironment: Sendable {
    let state: PluginStateRegistry
    let settings: PluginSettings
    let logger: Logger
    /// The proxy's event loops, upstream trust and resolver: what plugins send to
    /// upstreams goes from the loop that served the request, verified as the proxy verifies.
    let upstreamAccess: UpstreamAccess

    init(
        state: PluginStateRegistry = PluginStateRegistry(), settings: PluginSettings = PluginSettings(), logger: Logger,
        upstreamAccess: UpstreamAccess = .standalone()
    ) {
        self.state = state
        self.settings = settings
        self.logger = logger
        self.upstreamAccess = upstreamAccess
    }
}

/// Gateway-wide settings that plugins and traffic stages read.
public struct PluginSettings: Sendable {
    /// The request header that names the tenant when no authentication plugin set one.
    public var tenantHeader: String

    /// - Parameter tenantHeader: Defaults to `X-Tenant-ID`.
    public init(tenantHeader: String = "X-Tenant-ID") {
        self.tenantHeader = tenantHeader
    }
}
