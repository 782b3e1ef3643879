/// Stands in for a configured plugin the data plane cannot run: it answers 500
/// so that, say, a missing authentication plugin never lets traffic through.
struct UnavailablePlugin: ProxyPlugin {
    let name: String

    var phases: PluginPhases { .access }

    func access(_ context: RequestContext) throws -> PluginAccess {
        .respond(.pluginFailure(name))
    }
}
