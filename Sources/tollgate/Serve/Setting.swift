import Foundation

/// Every setting of `tollgate serve` and `tollgate token`: its flag, its
/// `TOLLGATE_*` environment twin, its default and its help. The README's
/// configuration reference is checked against this table by a test.
enum Setting: String, CaseIterable {
    case adminListen = "admin-listen"
    case proxyListen = "proxy-listen"
    case proxyTLSListen = "proxy-tls-listen"
    case tlsCert = "tls-cert"
    case tlsKey = "tls-key"
    case upstreamCAFile = "upstream-ca-file"
    case canaryResponseHeader = "canary-response-header"
    case mirrorHostSuffix = "mirror-host-suffix"
    case tenantHeader = "tenant-header"
    case dataDir = "data-dir"
    case store
    case engine
    case kongAdminURL = "kong-admin-url"
    case kongTimeoutMs = "kong-timeout-ms"
    case kongAdminToken = "kong-admin-token"
    case kongMirrorPlugin = "kong-mirror-plugin"
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
        case .kongTimeoutMs: "5000"
        case .jwtSecret: "generated on first start, kept in <data-dir> with mode 0600"
        case .roleClaim: "roles"
        case .logLevel: "info"
        case .canaryResponseHeader: "on"
        case .mirrorHostSuffix: "-shadow"
        case .tenantHeader: "X-Tenant-ID"
        case .jwtPublicKey, .jwksURL, .jwtIssuer, .jwtAudience, .proxyTLSListen, .tlsCert, .tlsKey, .upstreamCAFile,
            .kongAdminToken, .kongMirrorPlugin:
            nil
        }
    }

    /// What the setting does.
    var help: String {
        switch self {
        case .adminListen: "management API address (host:port)"
        case .proxyListen: "proxy address (embedded engine)"
        case .proxyTLSListen: "TLS proxy address (embedded engine); needs --tls-cert and --tls-key"
        case .tlsCert: "PEM file of the TLS proxy's certificate chain, server certificate first"
        case .tlsKey: "PEM file of the TLS proxy's private key (unencrypted)"
        case .upstreamCAFile: "PEM file of CA certificates trusted for https services and mirrors, besides the system trust store"
        case .canaryResponseHeader: "on or off: responses served by a canary carry X-Tollgate-Canary: 1"
        case .mirrorHostSuffix: "appended to the host in a mirrored copy's Host header; none keeps the Host unchanged"
        case .tenantHeader: "request header naming the tenant, when no jwt or key-auth plugin set one (tenant rate limits)"
        case .dataDir: "where the SQLite file and a generated secret live"
        case .store: "configuration store: sqlite:PATH, or postgres://user:pass@host:port/db (cluster mode)"
        case .engine: "embedded or kong"
        case .kongAdminURL: "Kong Admin API, with --engine kong"
        case .kongTimeoutMs: "limit of every call to the Kong Admin API, in milliseconds"
        case .kongAdminToken: "sent to Kong as Kong-Admin-Token (Kong Enterprise RBAC)"
        case .kongMirrorPlugin: "name of a Kong plugin that mirrors traffic; without it mirrors answer 501 on Kong"
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
