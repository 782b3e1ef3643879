import NIOCore
import NIOHTTP1
import TollgateCore

/// One immutable snapshot of the data plane: the compiled router and, per route,
/// the service it sends to. A request reads the snapshot once and uses it to the
/// end; a configuration change publishes a new one.
public final class RuntimeConfig: Sendable {
    /// The configuration version it was compiled from.
    public let version: Int
    let routeTable: RouteTable
    /// By route index (the ``RouteTable/Entry/index``).
    let routes: [RouteRuntime]

    init(version: Int, routeTable: RouteTable, routes: [RouteRuntime]) {
        self.version = version
        self.routeTable = routeTable
        self.routes = routes
    }

    /// The snapshot with no routes: every request gets 404.
    public static let empty = RuntimeConfig(version: 0, routeTable: RouteTable(routes: []), routes: [])

    /// Decides what to do with a request: answer it locally or forward it.
    func decide(_ head: HTTPRequestHead, connection: ClientConnection) -> ProxyDecision {
        guard let match = routeTable.match(RouteRequest(head: head, scheme: connection.scheme)) else {
            // Like Kong: a plain request that an https-only route would take is told to use https.
            if connection.scheme == .http, routeTable.match(RouteRequest(head: head, scheme: .https)) != nil {
                return .respond(.httpsRequired)
            }
            return .respond(.noRoute)
        }
        let route = routes[match.index]
        let service = route.service
        // A copy of the client's head shares its storage (method, target, version) until one
        // of those changes: a request forwarded with its own target allocates no second one.
        var upstreamHead = head
        if head.version != .http1_1 { upstreamHead.version = .http1_1 }
        if head.uri != match.upstreamTarget { upstreamHead.uri = match.upstreamTarget }
        upstreamHead.headers = ProxyHeaders.upstreamRequestHeaders(
            from: head.headers, connection: connection, reserving: route.chain.requestHeadroom)
        var hashKey: HashKey?
        var setCookie: String?
        if case .upstream(let upstream) = service.destination {
            (hashKey, setCookie) = upstream.hashing.key(for: head.headers, connection: connection)
        }
        return .forward(
            ForwardPlan(
                head: upstreamHead, route: route, destination: service.destination, preserveHost: match.preserveHost,
                hashKey: hashKey, setCookie: setCookie))
    }
}

/// What the proxy knows of a client connection.
struct ClientConnection: Sendable {
    /// The client's IP address as text.
    let address: String
    /// The scheme the client used.
    let scheme: RouteSpec.ClientProtocol
    /// The port the client connected to, as text (`X-Forwarded-Port`): made once per connection.
    let localPort: String

    init(address: String, scheme: RouteSpec.ClientProtocol, localPort: Int) {
        self.address = address
        self.scheme = scheme
        self.localPort = String(localPort)
    }
}
