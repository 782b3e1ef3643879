import NIOHTTP1
import TollgateCore

/// `request-transformer`: edits the request's headers and query parameters before
/// it goes upstream (remove, rename, replace, add, append, in that order).
struct RequestTransformerPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: RequestTransformerSchema.name, priority: 801) { input in
        try RequestTransformerPlugin(StoredPluginConfig(input.config, plugin: RequestTransformerSchema.name))
    }

    private let headers: FieldEdits
    private let query: FieldEdits

    var phases: PluginPhases { headers.isEmpty && query.isEmpty ? [] : .access }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        headers = try FieldEdits(config, target: "headers")
        query = try FieldEdits(config, target: "querystring", encode: EditableQuery.encoded)
    }

    func access(_ context: RequestContext) -> PluginAccess {
        if !headers.isEmpty { headers.apply(to: &context.head.headers) }
        if !query.isEmpty {
            var parameters = EditableQuery(uri: context.head.uri)
            query.apply(to: &parameters)
            context.head.uri = parameters.uri
        }
        return .proceed
    }
}
