import NIOCore
import NIOHTTP1
import TollgateCore

/// One request as plugins see and shape it, from the access phase to the log phase.
///
/// Created only for routes whose chain is not empty. Loop-bound: every phase runs
/// on the client connection's event loop, so plugins may keep per-request data
/// here without locks.
final class RequestContext {
    /// The request as it will be sent upstream: path rewritten, hop-by-hop headers
    /// removed, forwarding headers added. Access plugins may change it.
    var head: HTTPRequestHead
    /// The client's own request line and headers, as received.
    let clientHead: HTTPRequestHead
    /// The client's IP address as text, and how it connected.
    let client: ClientConnection
    /// The route that matched and its service.
    let route: RouteIdentity
    /// The tenant of the request, set by an authentication plugin (`jwt`,
    /// `key-auth`); when nil, tenant limits read the tenant header.
    var tenant: String?
    /// Headers added to whatever response the client gets (rate-limit headers,
    /// an echoed correlation id, the canary marker…).
    var responseHeaders = ResponseHeaders()
    /// A cap on the request body, enforced while it streams (413 when crossed).
    var maxRequestBodyBytes: Int?
    /// Where the request goes, when a stage sends it elsewhere than the service's
    /// destination (a canary).
    var destination: ServiceRuntime.Destination?
    /// Sees a copy of the request body as it streams (mirroring).
    var bodyTap: (any RequestBodyTap)?
    /// When the request head was received.
    let receivedAt: NIODeadline

    init(head: HTTPRequestHead, clientHead: HTTPRequestHead, client: ClientConnection, route: RouteIdentity) {
        self.head = head
        self.clientHead = clientHead
        self.client = client
        self.route = route
        self.receivedAt = .now()
    }
}

/// Receives a copy of a request body while the original streams upstream.
///
/// Called on the request's event loop; must not block or fail the request.
protocol RequestBodyTap: AnyObject {
    /// A part of the body.
    func append(_ chunk: ByteBuffer)
    /// The body is complete (`complete` false when the request was cut short).
    func finish(complete: Bool)
}
