import NIOCore
import NIOHTTP1

/// What the snapshot decided for one request.
enum ProxyDecision {
    /// Answer locally (no route, bad request…).
    case respond(LocalResponse)
    /// Forward upstream as planned.
    case forward(ForwardPlan)
}

/// A request on its way upstream: the rewritten head, where it may go, and the
/// service's limits.
struct ForwardPlan {
    /// The head to send: path rewritten, hop-by-hop headers removed, forwarding headers added.
    /// `Host` is set per attempt unless the route preserves the client's.
    var head: HTTPRequestHead
    /// The matched route: its service and plugin chain.
    let route: RouteRuntime
    /// Where the request goes: the service's destination unless a stage (canary) changed it.
    var destination: ServiceRuntime.Destination
    let preserveHost: Bool
    /// Hash input for consistent hashing, when the upstream hashes and the request carries it.
    var hashKey: HashKey?
    /// A `Set-Cookie` value to add to the response (sticky cookie generated for a new client).
    let setCookie: String?
}

extension ForwardPlan {
    /// The matched route's service.
    var service: ServiceRuntime { route.service }
}

/// A route as the data plane uses it once matched: who it is, its service and its plugin chain.
final class RouteRuntime: Sendable {
    let identity: RouteIdentity
    let service: ServiceRuntime
    let chain: PluginChain

    init(identity: RouteIdentity, service: ServiceRuntime, chain: PluginChain) {
        self.identity = identity
        self.service = service
        self.chain = chain
    }
}

/// A service as the data plane uses it: where it sends traffic and its limits.
final class ServiceRuntime: Sendable {
    /// Where a service's traffic goes.
    enum Destination: Sendable {
        /// A host resolved directly.
        case address(UpstreamAddress)
        /// An upstream balanced over its targets.
        case upstream(UpstreamRuntime)
    }

    let name: String
    let destination: Destination
    let connectTimeout: TimeAmount
    let readTimeout: TimeAmount
    let writeTimeout: TimeAmount
    let retries: Int
    /// Whether the service's protocol is https: upstream targets are reached over TLS too.
    let usesTLS: Bool

    init(
        name: String, destination: Destination, connectTimeout: TimeAmount, readTimeout: TimeAmount,
        writeTimeout: TimeAmount, retries: Int, usesTLS: Bool
    ) {
        self.name = name
        self.destination = destination
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.retries = retries
        self.usesTLS = usesTLS
    }
}
