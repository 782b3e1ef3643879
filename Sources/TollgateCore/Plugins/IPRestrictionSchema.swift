/// `ip-restriction`: allows or denies clients by address.
///
/// The client address is the connection's peer, or the `X-Forwarded-For` entry
/// added by the last peer in `trusted_proxies`.
public enum IPRestrictionSchema: PluginSchema {
    public static let name = "ip-restriction"

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let allow = config.strings("allow", default: [], check: IPNetwork.check)
        let deny = config.strings("deny", default: [], check: IPNetwork.check)
        if allow?.isEmpty == true && deny?.isEmpty == true {
            config.fail("allow", "at least one of allow or deny must list an address or CIDR block")
        }
        let trustedProxies = config.strings("trusted_proxies", default: [], check: IPNetwork.check)
        let status = config.int("status", in: 400...599, default: 403)
        let message = config.string("message", default: "Your IP address is not allowed") { text in
            text.utf8.count <= 1024 ? nil : "must be at most 1024 bytes"
        }
        guard let allow, let deny, !(allow.isEmpty && deny.isEmpty), let trustedProxies, let status, let message
        else { return nil }
        return [
            "allow": JSONValue(allow), "deny": JSONValue(deny), "trusted_proxies": JSONValue(trustedProxies),
            "status": .int(status), "message": .string(message),
        ]
    }
}
