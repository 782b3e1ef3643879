import NIOHTTP1

/// A plugin instance as the data plane runs it: built once per snapshot from
/// its stored (complete, validated) configuration, then shared by every event loop.
///
/// A plugin implements only the phases it needs and lists them in ``phases``,
/// so a chain skips the others without calling them:
/// - ``access(_:)`` before the request goes upstream: it may rewrite the request,
///   set the tenant, or answer the request itself;
/// - ``withdraw(_:)`` when a plugin after this one answered the request in the
///   access phase: the request never goes upstream, so what this one's access
///   counted for it is undone (a rate limit gives its count back);
/// - ``responseHead(_:context:)`` on the head of every response to a matched
///   request, the upstream's or the gateway's own;
/// - ``log(_:context:)`` once the exchange is over; it must not block.
///
/// A phase that throws answers 500 for that request (when nothing was sent yet)
/// and is logged; the next request is not affected. Traffic policies (tenant
/// limits, canary, mirroring) are stages of the same kind, so one chain per route
/// holds everything that acts on its requests.
protocol ProxyPlugin: Sendable {
    /// The phases this plugin implements.
    var phases: PluginPhases { get }
    /// Access phase: returns ``PluginAccess/respond(_:)`` to answer locally.
    func access(_ context: RequestContext) throws -> PluginAccess
    /// After a later plugin answered the request in the access phase: undoes what
    /// ``access(_:)`` counted for it. Runs only for plugins whose access let it proceed.
    func withdraw(_ context: RequestContext)
    /// Response phase: may change the head sent to the client.
    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) throws
    /// Log phase: sees the finished exchange.
    func log(_ summary: ExchangeSummary, context: RequestContext)
}

extension ProxyPlugin {
    func access(_ context: RequestContext) throws -> PluginAccess { .proceed }
    func withdraw(_ context: RequestContext) {}
    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) throws {}
    func log(_ summary: ExchangeSummary, context: RequestContext) {}
}

/// The phases a plugin takes part in.
struct PluginPhases: OptionSet, Sendable {
    let rawValue: UInt8
    init(rawValue: UInt8) { self.rawValue = rawValue }

    static let access = PluginPhases(rawValue: 1 << 0)
    static let responseHead = PluginPhases(rawValue: 1 << 1)
    static let log = PluginPhases(rawValue: 1 << 2)
}

/// What the access phase decided.
enum PluginAccess {
    /// Go on with the next plugin, then upstream.
    case proceed
    /// Answer the request with this response; it never reaches the upstream.
    case respond(LocalResponse)
}
