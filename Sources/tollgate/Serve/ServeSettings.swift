import Logging
import TollgateKong
import TollgateProxy

/// The validated settings of `tollgate serve`: every flag resolved against its
/// environment twin and default. Building it is where bad values are refused.
struct ServeSettings {
    /// Which engine answers the management API.
    enum Engine: String, CaseIterable {
        case embedded, kong
    }

    let adminAddress: ListenAddress
    let proxyAddress: ListenAddress
    /// The TLS listener's address and PEM files, when it is enabled.
    let proxyTLS: ProxyTLSSettings?
    /// Extra CAs trusted for https services.
    let upstreamCAFile: String?
    /// The canary response marker and the mirror `Host` suffix.
    let trafficPolicies: TrafficPolicySettings
    /// The tenant header that plugins and tenant rate limits read.
    let plugins: PluginSettings
    let dataDirectory: String
    let store: StoreLocation
    let engine: Engine
    let kongAdminURL: String
    /// How Kong's Admin API is called (URL, timeout, token, mirroring plugin).
    let kong: KongAdminConfiguration
    let jwtPublicKeyFile: String?
    let jwksURL: String?
    let issuer: String?
    let audience: String?
    let roleClaim: String
    let logLevel: Logger.Level

    init(_ command: ServeCommand) throws {
        adminAddress = try ListenAddress(
            parsing: Setting.adminListen.resolve(command.adminListen) ?? "127.0.0.1:8081", setting: .adminListen)
        proxyAddress = try ListenAddress(
            parsing: Setting.proxyListen.resolve(command.proxyListen) ?? "0.0.0.0:8000", setting: .proxyListen)
        proxyTLS = try ProxyTLSSettings(command)
        upstreamCAFile = Setting.upstreamCAFile.resolve(command.upstreamCAFile)
        trafficPolicies = try TrafficPolicySettings(command)
        plugins = try PluginSettings(command)
        dataDirectory = command.auth.resolvedDataDirectory
        store = try StoreLocation(parsing: Setting.store.resolve(command.store), dataDirectory: dataDirectory)
        let engineName = Setting.engine.resolve(command.engine) ?? "embedded"
        guard let engine = Engine(rawValue: engineName) else {
            throw UsageError("--engine must be embedded or kong, got '\(engineName)'")
        }
        self.engine = engine
        kongAdminURL = Setting.kongAdminURL.resolve(command.kongAdminURL) ?? "http://127.0.0.1:8001"
        guard kongAdminURL.hasPrefix("http://") || kongAdminURL.hasPrefix("https://") else {
            throw UsageError("--kong-admin-url must be an http:// or https:// URL, got '\(kongAdminURL)'")
        }
        let timeoutText = Setting.kongTimeoutMs.resolve(command.kongTimeoutMs) ?? "5000"
        guard let timeoutMs = Int(timeoutText), (1...600_000).contains(timeoutMs) else {
            throw UsageError("--kong-timeout-ms must be a number of milliseconds from 1 to 600000, got '\(timeoutText)'")
        }
        kong = KongAdminConfiguration(
            adminURL: kongAdminURL, timeout: .milliseconds(timeoutMs),
            adminToken: Setting.kongAdminToken.resolve(command.kongAdminToken),
            mirrorPlugin: Setting.kongMirrorPlugin.resolve(command.kongMirrorPlugin))
        jwtPublicKeyFile = Setting.jwtPublicKey.resolve(command.jwtPublicKey)
        jwksURL = Setting.jwksURL.resolve(command.jwksURL)
        let keySources = [Setting.jwtSecret.resolve(command.auth.jwtSecret).map { _ in "--jwt-secret" }, jwtPublicKeyFile.map { _ in "--jwt-public-key" }, jwksURL.map { _ in "--jwks-url" }]
            .compactMap { $0 }
        guard keySources.count <= 1 else {
            throw UsageError("give one of \(keySources.joined(separator: ", ")), not several")
        }
        issuer = Setting.jwtIssuer.resolve(command.auth.jwtIssuer)
        audience = Setting.jwtAudience.resolve(command.auth.jwtAudience)
        roleClaim = Setting.roleClaim.resolve(command.roleClaim) ?? "roles"
        let level = Setting.logLevel.resolve(command.auth.logLevel) ?? "info"
        guard let logLevel = Logger.Level(rawValue: level) else {
            throw UsageError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(level)'")
        }
        self.logLevel = logLevel
        if case .postgres = store {
            throw UsageError("--store postgres:// (cluster mode) is not available in this version; use sqlite:PATH")
        }
        if engine == .kong && command.store != nil {
            throw UsageError("--store is not used with --engine kong: Kong's database is the store")
        }
    }
}
