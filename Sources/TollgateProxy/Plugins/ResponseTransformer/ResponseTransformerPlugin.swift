import NIOHTTP1
import TollgateCore

/// `response-transformer`: edits the headers of every response the client gets
/// on its routes, the upstream's or the gateway's own (remove, rename, replace,
/// add, append, in that order).
struct ResponseTransformerPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: ResponseTransformerSchema.name, priority: 800) { input in
        try ResponseTransformerPlugin(StoredPluginConfig(input.config, plugin: ResponseTransformerSchema.name))
    }

    private let headers: FieldEdits

    var phases: PluginPhases { headers.isEmpty ? [] : .responseHead }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        headers = try FieldEdits(config, target: "headers")
    }

    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) {
        headers.apply(to: &head.headers)
    }
}
