import NIOHTTP1
import TollgateCore

/// `key-auth`: lets a request through only with a known API key, and sets its
/// tenant from the key.
///
/// The key is read from the first configured name found as a request header
/// (any case), else as a query parameter (exact name); it is hashed with SHA-256
/// and looked up among the stored digests. Several keys answer 401 rather than
/// picking one. With `hide_credentials` the key is removed before the request
/// goes upstream. The tenant is also sent upstream in the gateway's tenant header
/// (replacing a client's value), so upstreams can trust it.
struct KeyAuthPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: KeyAuthSchema.name, priority: 1250) { input in
        try KeyAuthPlugin(StoredPluginConfig(input.config, plugin: KeyAuthSchema.name), stored: input.config,
            tenantHeader: input.environment.settings.tenantHeader)
    }

    private let keyNames: [String]
    private let tenants: [KeyDigest: String]
    private let hideCredentials: Bool
    private let tenantHeader: String
    private let missing: LocalResponse

    var phases: PluginPhases { .access }

    /// - Parameters:
    ///   - config: The stored configuration, for its plain fields.
    ///   - stored: The same configuration as JSON, for its `keys` entries.
    ///   - tenantHeader: The header that tells upstreams the tenant.
    init(_ config: StoredPluginConfig, stored: JSONValue, tenantHeader: String) throws(StoredConfigError) {
        keyNames = try config.strings("key_names")
        hideCredentials = try config.bool("hide_credentials")
        tenants = try Self.tenants(in: stored)
        self.tenantHeader = tenantHeader
        missing = KeyAuthRejection.missing(keyNames: keyNames)
    }

    func access(_ context: RequestContext) -> PluginAccess {
        let found: PresentedKey
        switch PresentedKey.find(names: keyNames, in: context.head) {
        case .none: return .respond(missing)
        case .several: return .respond(KeyAuthRejection.duplicate)
        case .one(let key): found = key
        }
        guard let tenant = tenants[KeyDigest(of: found.value)] else { return .respond(KeyAuthRejection.invalid) }
        if hideCredentials { found.remove(from: &context.head) }
        context.authenticate(tenant: tenant, header: tenantHeader)
        return .proceed
    }

    /// The tenant of each stored key digest.
    private static func tenants(in stored: JSONValue) throws(StoredConfigError) -> [KeyDigest: String] {
        func failure(_ field: String, _ expected: String) -> StoredConfigError {
            StoredConfigError(plugin: KeyAuthSchema.name, field: field, expected: expected)
        }
        guard case .array(let entries) = stored.objectValue?["keys"] else {
            throw failure("config.keys", "an array of {key_sha256, tenant} objects")
        }
        var tenants: [KeyDigest: String] = [:]
        for (index, entry) in entries.enumerated() {
            guard let digest = entry.objectValue?["key_sha256"]?.stringValue.flatMap(KeyDigest.init(hex:)) else {
                throw failure("config.keys[\(index)].key_sha256", "64 hexadecimal digits")
            }
            guard let tenant = entry.objectValue?["tenant"]?.stringValue else {
                throw failure("config.keys[\(index)].tenant", "a string")
            }
            tenants[digest] = tenant
        }
        return tenants
    }
}
