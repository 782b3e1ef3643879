import NIOHTTP1
import TollgateCore

/// `ip-restriction`: refuses clients whose address is in `deny`, or not in a
/// non-empty `allow`, with the configured status and message (403 by default).
///
/// A client whose address cannot be told is refused as well.
struct IPRestrictionPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: IPRestrictionSchema.name, priority: 990) { input in
        try IPRestrictionPlugin(StoredPluginConfig(input.config, plugin: IPRestrictionSchema.name))
    }

    private let allow: IPBlockList
    private let deny: IPBlockList
    private let resolver: ClientAddressResolver
    private let refusal: LocalResponse

    var phases: PluginPhases { .access }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        allow = try IPBlockList(config, key: "allow")
        deny = try IPBlockList(config, key: "deny")
        resolver = ClientAddressResolver(trustedProxies: try IPBlockList(config, key: "trusted_proxies"))
        refusal = LocalResponse(
            HTTPResponseStatus(statusCode: try config.int("status")), detail: try config.string("message"))
    }

    func access(_ context: RequestContext) -> PluginAccess {
        guard let client = resolver.clientAddress(peer: context.client.address, headers: context.clientHead.headers),
            !deny.contains(client), allow.isEmpty || allow.contains(client)
        else { return .respond(refusal) }
        return .proceed
    }
}
