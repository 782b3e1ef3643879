import NIOCore
import NIOHTTP1

/// One request/response exchange between a client and an upstream.
///
/// Loop-bound; owned by the client connection's ``DownstreamHandler``.
final class Exchange {
    var plan: ForwardPlan
    /// The request as the route's plugins see it; nil when the chain is empty.
    let pluginContext: RequestContext?
    /// Whether the client connection stays open after this exchange.
    var keepAliveDownstream: Bool
    /// Whether the request's method may be replayed on another connection (RFC 9110 §9.2.2).
    let isIdempotent: Bool
    /// Whether the request announced a body (so its end may still be far off).
    let hasBody: Bool
    /// Body parts read while no upstream connection was ready yet.
    var pendingBody: [HTTPClientRequestPart] = []
    var requestEnded = false
    /// Whether the request head went to the current upstream connection.
    var requestSent = false
    /// Whether any request body byte was written to an upstream (the body is streamed, so it cannot be replayed).
    var requestBodySent = false
    var responseStarted = false
    var upstreamKeepAlive = true
    var connection: UpstreamConnection?
    /// The target in use (index in its upstream), for retries and passive accounting.
    var targetIndex: Int?
    /// Counts this exchange on its target for least-connections while it runs.
    var activeRequest: ActiveRequestToken?
    /// Targets that failed in this exchange, excluded from the next pick.
    var failedTargets: [Int] = []
    var attempts = 0
    /// When the upstream last sent bytes (or the whole request went to it), for the read
    /// timeout; set when that timeout starts, so creating an exchange reads no clock.
    var lastUpstreamRead = NIODeadline.uptimeNanoseconds(0)
    /// Whether the read timeout applies: the whole request went upstream and the response is not over.
    var readTimeoutRunning = false
    var writeTimer: Scheduled<Void>?
    /// Request body bytes read from the client.
    var requestBodyBytes = 0
    /// Response body bytes relayed to the client.
    var responseBodyBytes = 0
    /// When the request head went to the current upstream, and when its response head came
    /// back; read only when ``timesUpstream``.
    var upstreamSentAt: NIODeadline?
    var upstreamAnsweredAt: NIODeadline?
    /// The status sent to the client, once its head is written.
    var clientStatus: Int?
    /// The protocol the client asked to switch to (`Upgrade`), if any.
    var upgrade: String?
    /// Whether the log phase ran (it runs once per exchange).
    var logged = false

    init(plan: ForwardPlan, pluginContext: RequestContext?, keepAliveDownstream: Bool, isIdempotent: Bool, hasBody: Bool) {
        self.plan = plan
        self.pluginContext = pluginContext
        self.keepAliveDownstream = keepAliveDownstream
        self.isIdempotent = isIdempotent
        self.hasBody = hasBody
    }

    /// Whether the upstream's latency is measured: only a log phase reports it, so other
    /// exchanges read no clock for it.
    var timesUpstream: Bool {
        pluginContext != nil && plan.route.chain.hasLogPhase
    }

    /// Whether a failure on the current connection may be retried on another one.
    /// Never after the response started or a body byte left, and after the head
    /// reached an upstream only for idempotent methods.
    var mayRetry: Bool {
        !responseStarted && attempts < plan.service.retries && !requestBodySent && (!requestSent || isIdempotent)
    }

    /// The target currently serving the exchange, when the destination is an upstream.
    var upstreamTarget: (upstream: UpstreamRuntime, index: Int)? {
        guard case .upstream(let upstream) = plan.destination, let targetIndex else { return nil }
        return (upstream, targetIndex)
    }

    /// The address the exchange was sent to (the target's, or the service's own), once chosen.
    var upstreamAddress: UpstreamAddress? {
        switch plan.destination {
        case .address(let address): address
        case .upstream(let upstream): targetIndex.map { upstream.addresses[$0] }
        }
    }

    func cancelTimers() {
        readTimeoutRunning = false
        writeTimer?.cancel()
        writeTimer = nil
    }
}

extension HTTPMethod {
    /// Methods whose replay has the same effect as one request.
    var isIdempotent: Bool {
        switch self {
        case .GET, .HEAD, .PUT, .DELETE, .OPTIONS, .TRACE: true
        default: false
        }
    }
}
