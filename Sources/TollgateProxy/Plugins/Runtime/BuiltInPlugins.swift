/// The plugins the data plane can run, with their place in a chain.
///
/// Adding a plugin is adding its type (with a `factory`) and one line here. A
/// chain runs its access phase from the highest priority down; the priorities are
/// Kong's, so a configuration behaves as it did on Kong:
///
/// | plugin | priority |
/// |---|---|
/// | correlation-id | 100001 |
/// | cors | 2000 |
/// | jwt | 1450 |
/// | key-auth | 1250 |
/// | ip-restriction | 990 |
/// | request-size-limiting | 951 |
/// | rate-limiting | 910 |
/// | *tenant rate limits* | 905 |
/// | request-transformer | 801 |
/// | response-transformer | 800 |
/// | *canary* | 20 |
/// | *mirror* | 15 |
/// | prometheus | 13 |
/// | http-log | 12 |
///
/// Rows in italics are traffic stages (``TrafficStages``), not plugins.
enum BuiltInPlugins {
    /// Every runnable plugin, by name.
    static let factories: [String: PluginFactory] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })

    private static let all: [PluginFactory] = [
        CorrelationIDPlugin.factory,
        CORSPlugin.factory,
        JWTPlugin.factory,
        KeyAuthPlugin.factory,
        IPRestrictionPlugin.factory,
        RequestSizeLimitingPlugin.factory,
        RateLimitingPlugin.factory,
        RequestTransformerPlugin.factory,
        ResponseTransformerPlugin.factory,
        PrometheusPlugin.factory,
        HTTPLogPlugin.factory,
    ]
}
