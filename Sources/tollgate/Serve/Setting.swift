import Foundation

/// Every setting of `tollgate serve` and `tollgate token`: its flag, its
/// `TOLLGATE_*` environment twin, its default and its help. The README's
/// configuration reference is checked against this table by a test.
enum Setting: String, CaseIterable {
    case adminListen = "admin-listen"
    case proxyListen = "proxy-listen"
    case dataDir = "data-dir"
    case store
    case engine
    case kongAdminURL = "kong-admin-url"
    case jwtSecret = "jwt-secret"
    case jwtPublicKey = "jwt-public-key"
    case jwksURL = "jwks-url"
    case jwtIssuer = "jwt-issuer"
    case jwtAudience = "jwt-audience"
    case roleClaim = "role-claim"
    case logLevel = "log-level"

    /// `--admin-listen`.
    var flag: String { "--\(rawValue)" }

    /// `TOLLGATE_ADMIN_LISTEN`.
    var environmentVariable: String {
        "TOLLGATE_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The default as the reference shows it; nil when the setting is unset by default.
    var defaultValue: String? {
        switch self {
        case .adminListen: "127.0.0.1:8081"
        case .proxyListen: "0.0.0.0:8000"
        case .dataDir: "./tollgate-data"
        case .store: "sqlite:<data-dir>/tollgate.sqlite"
        case .engine: "embedded"
        case .kongAdminURL: "http://127.0.0.1:8001"
        case .jwtSecret: "generated on first start, kept in <data-dir> with mode 0600"
        case .roleClaim: "roles"
        case .logLevel: "info"
        case .jwtPublicKey, .jwksURL, .jwtIssuer, .jwtAudience: nil
        }
    }

    /// What the setting does.
    var help: String {
        switch self {
        case .adminListen: "management API address (host:port)"
        case .proxyListen: "proxy address (embedded engine)"
        case .dataDir: "where the SQLite file and a generated secret live"
        case .store: "configuration store: sqlite:PATH, or postgres://user:pass@host:port/db (cluster mode)"
        case .engine: "embedded or kong"
        case .kongAdminURL: "Kong Admin API, with --engine kong"
        case .jwtSecret: "HS256 secret for admin tokens (at least 32 bytes)"
        case .jwtPublicKey: "PEM file of a public key (RS256/384/512, ES256/384, EdDSA) that verifies admin tokens"
        case .jwksURL: "JWKS endpoint whose keys verify admin tokens"
        case .jwtIssuer: "required iss claim of admin tokens"
        case .jwtAudience: "required aud claim of admin tokens"
        case .roleClaim: "claim path holding the roles, dotted (realm_access.roles)"
        case .logLevel: "trace, debug, info, notice, warning, error or critical"
        }
    }

    /// The flag's value, else the environment variable's, else nil (the caller applies the default).
    func resolve(_ flagValue: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let flagValue { return flagValue }
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        return nil
    }
}
