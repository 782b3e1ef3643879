/// What an engine reports for `GET /health`.
public struct EngineHealth: Sendable, Hashable {
    /// `embedded` or `kong`.
    public var engine: String
    /// The store's configuration version, when the engine has one.
    public var configVersion: Int?
    /// Named checks and their results (`store: ok`, `kong_admin: unreachable`).
    public var checks: [String: String]
    /// Whether the gateway can serve; false answers 503.
    public var isServing: Bool
    /// Whether it serves only in part (an upstream a route uses has no usable target).
    public var isDegraded: Bool

    public init(engine: String, configVersion: Int?, checks: [String: String], isServing: Bool, isDegraded: Bool = false) {
        self.engine = engine
        self.configVersion = configVersion
        self.checks = checks
        self.isServing = isServing
        self.isDegraded = isDegraded
    }

    /// `status` of `GET /health`: `ok`, `degraded` (serving, in part) or `unavailable`.
    public var status: String {
        isServing ? (isDegraded ? "degraded" : "ok") : "unavailable"
    }
}

/// Tollgate's version, as `GET /health` and `tollgate version` show it.
public enum TollgateVersion {
    public static let current = "0.1.0"
}
