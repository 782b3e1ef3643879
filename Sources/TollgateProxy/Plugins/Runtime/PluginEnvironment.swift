import Logging

/// What plugins share beyond their own configuration: the state registry that
/// outlives snapshots, gateway-wide settings and the logger.
final class PluginEnvironment: Sendable {
    let state: PluginStateRegistry
    let settings: PluginSettings
    let logger: Logger

    init(state: PluginStateRegistry = PluginStateRegistry(), settings: PluginSettings = PluginSettings(), logger: Logger) {
        self.state = state
        self.settings = settings
        self.logger = logger
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
