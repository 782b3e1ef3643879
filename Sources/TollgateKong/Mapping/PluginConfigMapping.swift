import TollgateCore

/// How one built-in plugin's Tollgate configuration is written to Kong's plugin of
/// the same name, and read back.
///
/// Keys Kong spells differently are renamed; keys Kong has no equivalent for are
/// accepted only with the value Kong's behaviour matches, and refused otherwise
/// with a 400 that says why. Reading back goes through Tollgate's schema, so a
/// record shows the same complete configuration as on the embedded engine.
struct PluginConfigMapping: Sendable {
    /// Tollgate key → Kong key.
    var renamed: [String: String] = [:]
    /// Tollgate keys Kong does not have: the only value Kong's behaviour matches, and why.
    var tollgateOnly: [String: (accepted: JSONValue, reason: String)] = [:]
    /// Values of `limit_by`-like keys that Kong names differently: key → (Tollgate value → Kong value).
    var values: [String: [String: String]] = [:]
    /// Set when the plugin cannot be mapped onto Kong at all.
    var unsupported: String?

    /// Kong key → Tollgate key, for field errors (`config.timeout` → `config.timeout_ms`).
    var kongToTollgate: [String: String] {
        Dictionary(renamed.map { ($0.value, $0.key) }) { first, _ in first }
    }

    /// The mapping of the plugin named `name` (identity for plugins that match Kong's).
    static func of(_ name: String) -> PluginConfigMapping {
        switch name {
        case RateLimitingSchema.name:
            PluginConfigMapping(
                tollgateOnly: [
                    "algorithm": (
                        .string(RateLimitWindows.Algorithm.fixedWindow.rawValue),
                        "Kong's rate-limiting plugin counts fixed calendar windows; use 'fixed_window'"
                    )
                ],
                values: ["limit_by": ["tenant": "consumer"]])
        case IPRestrictionSchema.name:
            PluginConfigMapping(tollgateOnly: [
                "trusted_proxies": (.array([]), "Kong takes trusted proxies from its trusted_ips setting, not per plugin")
            ])
        case HTTPLogSchema.name:
            PluginConfigMapping(renamed: ["timeout_ms": "timeout", "flush_timeout_s": "flush_timeout"])
        case KeyAuthSchema.name:
            PluginConfigMapping(tollgateOnly: [
                "keys": (.array([]), "Kong keeps API keys as key-auth credentials of consumers; create them in Kong")
            ])
        case JWTSchema.name:
            PluginConfigMapping(
                unsupported: "Kong's jwt plugin verifies tokens against consumer credentials, which Tollgate's jwt "
                    + "configuration (secret, public_key, jwks_url, tenant_claim) cannot express; configure it in Kong")
        default:
            PluginConfigMapping()
        }
    }

    /// Kong's `config` for a stored Tollgate configuration.
    /// - Throws: ``GatewayError/invalid(_:)`` naming each `config` field Kong cannot honour.
    func kong(_ config: JSONValue) throws(GatewayError) -> JSONValue {
        if let unsupported { throw .invalid(field: "name", unsupported) }
        var errors: [FieldError] = []
        var result: [String: JSONValue] = [:]
        // Nulls are sent too: Kong merges a PATCHed config into the stored one, so an unset field must say so.
        for (key, value) in (config.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let only = tollgateOnly[key] {
                if value != only.accepted && value != .null { errors.append(FieldError(field: "config.\(key)", message: only.reason)) }
                continue
            }
            var mapped = value
            if let table = values[key], let text = value.stringValue, let kongValue = table[text] {
                mapped = .string(kongValue)
            }
            result[renamed[key] ?? key] = mapped
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return .object(result)
    }

    /// Tollgate's configuration for Kong's `config` of the plugin `name`: renamed back
    /// and completed by Tollgate's schema; Kong's own config when the schema refuses it
    /// (a plugin configured in Kong directly).
    func tollgate(_ kongConfig: JSONValue, plugin name: String) -> JSONValue {
        guard let schema = PluginCatalog.schemas[name], let members = kongConfig.objectValue else { return kongConfig }
        let inverse = kongToTollgate
        var translated: [String: JSONValue] = [:]
        for (key, value) in members {
            let tollgateKey = inverse[key] ?? key
            var mapped = value
            if let table = values[tollgateKey], let text = value.stringValue,
                let original = table.first(where: { $0.value == text })?.key
            {
                mapped = .string(original)
            }
            translated[tollgateKey] = mapped
        }
        for (key, only) in tollgateOnly { translated[key] = only.accepted }
        let validator = Validator()
        guard let reader = validator.object(.object(translated), at: "config"), let config = schema.read(reader),
            validator.errors.isEmpty
        else { return kongConfig }
        return config
    }
}
