import NIOHTTP1
import TollgateCore

/// `correlation-id`: gives each request an id header.
///
/// A request that arrives with a non-empty header keeps its id; otherwise a new one
/// is generated and sent upstream. With `echo_downstream`, the client's response
/// carries the same header and id, replacing one the upstream set.
struct CorrelationIDPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: CorrelationIDSchema.name, priority: 100_001) { input in
        try CorrelationIDPlugin(StoredPluginConfig(input.config, plugin: CorrelationIDSchema.name))
    }

    private let headerName: String
    private let echoDownstream: Bool

    var phases: PluginPhases { echoDownstream ? [.access, .responseHead] : .access }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        headerName = try config.string("header_name")
        let generator = try config.string("generator")
        guard CorrelationIDSchema.Generator(rawValue: generator) == .uuid else {
            throw StoredConfigError(plugin: config.plugin, field: "\(config.path).generator", expected: "uuid")
        }
        echoDownstream = try config.bool("echo_downstream")
    }

    func access(_ context: RequestContext) -> PluginAccess {
        if context.clientHead.headers.first(name: headerName)?.isEmpty ?? true {
            context.head.headers.set(name: headerName, value: RequestID.uuid())
        }
        return .proceed
    }

    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) {
        // The id as it went upstream; absent only when an earlier plugin answered
        // before this one ran or a later one removed the header.
        guard let id = context.head.headers.first(name: headerName) ?? context.clientHead.headers.first(name: headerName),
            !id.isEmpty
        else { return }
        head.headers.set(name: headerName, value: id)
    }
}
