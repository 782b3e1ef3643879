import Logging
import NIOCore
import NIOPosix

/// What plugins share beyond their own configuration: the state registry that
/// outlives snapshots, gateway-wide settings, the logger, and the proxy's event loops.
final class PluginEnvironment: Sendable {
    let state: PluginStateRegistry
    let settings: PluginSettings
    let logger: Logger
    /// The proxy's event loops: clients that plugins send requests with run on them, so
    /// that a request sent while serving another stays on that loop's thread.
    let eventLoopGroup: any EventLoopGroup

    init(
        state: PluginStateRegistry = PluginStateRegistry(), settings: PluginSettings = PluginSettings(), logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.state = state
        self.settings = settings
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
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
