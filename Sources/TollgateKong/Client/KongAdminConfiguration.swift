/// How the Kong engine reaches Kong's Admin API.
public struct KongAdminConfiguration: Sendable {
    /// The Admin API's base URL, e.g. `http://127.0.0.1:8001` (https is verified against the system's roots).
    public var adminURL: String
    /// The limit of every single call to Kong (connect and read).
    public var timeout: Duration
    /// Sent as `Kong-Admin-Token` when set (Kong Enterprise RBAC).
    public var adminToken: String?
    /// The name of a Kong plugin that mirrors traffic; nil when the Kong cluster has none.
    public var mirrorPlugin: String?

    /// - Parameters:
    ///   - adminURL: Kong's Admin API, e.g. `http://127.0.0.1:8001`.
    ///   - timeout: The limit of every call to Kong (default five seconds).
    ///   - adminToken: Sent as `Kong-Admin-Token` when set.
    ///   - mirrorPlugin: The mirroring plugin's name, when Kong has one installed.
    public init(adminURL: String, timeout: Duration = .seconds(5), adminToken: String? = nil, mirrorPlugin: String? = nil) {
        self.adminURL = adminURL.hasSuffix("/") ? String(adminURL.dropLast()) : adminURL
        self.timeout = timeout
        self.adminToken = adminToken
        self.mirrorPlugin = mirrorPlugin
    }
}
