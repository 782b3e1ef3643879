import TollgateCore

/// A gateway with one service `svc` sending to a test upstream, one route `r` on
/// `/` (paths kept), and the given plugins: the setting of most plugin tests.
enum SingleRouteGateway {
    /// Runs `body` against such a gateway.
    static func run(
        _ plugins: [PluginSpec], upstream: TestUpstream, _ body: (ProxyHarness) async throws -> Void
    ) async throws {
        try await run(plugins, upstreamPort: upstream.port, body)
    }

    /// Runs `body` against such a gateway sending to any upstream on loopback `upstreamPort`.
    static func run(
        _ plugins: [PluginSpec], upstreamPort: Int, _ body: (ProxyHarness) async throws -> Void
    ) async throws {
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstreamPort), routes: [RouteSpec(name: "r", paths: ["/"], stripPath: false)])
        for plugin in plugins { builder.add(plugin: plugin) }
        try await ProxyHarness.run(builder.build(), body)
    }
}
