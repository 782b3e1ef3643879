import NIOCore
import NIOHTTP1

/// A copy of one request, waiting to be sent to a mirror.
struct MirrorCopy: Sendable {
    /// The request as it was sent upstream (method, target, headers).
    let head: HTTPRequestHead
    /// The body, when the mirror includes bodies.
    let body: ByteBuffer?
    /// The copy fails when it is not answered by then (`timeout_ms` after the request).
    let deadline: NIODeadline
    /// A copy still queued by then (half its timeout) is dropped instead of sent: with
    /// little time left it would most likely fail, and while a mirror is too slow, such
    /// copies would only open and close connections to it.
    let latestStart: NIODeadline
    /// Where it goes.
    let destination: MirrorDestination
    /// Appended to the host in `Host`; empty keeps it.
    let hostSuffix: String

    /// A copy of a request made now, answered within `timeout`.
    init(
        head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount, destination: MirrorDestination, hostSuffix: String
    ) {
        let now = NIODeadline.now()
        self.head = head
        self.body = body
        self.deadline = now + timeout
        self.latestStart = now + .nanoseconds(timeout.nanoseconds / 2)
        self.destination = destination
        self.hostSuffix = hostSuffix
    }

    /// Bytes of body the copy holds.
    var bodyBytes: Int { body?.readableBytes ?? 0 }

    /// Where the copy goes, the head it is sent with, and the target token to release
    /// once it is done; nil when the destination has no usable target.
    ///
    /// The copy's body is framed by length (a copy never waits for `100-continue`);
    /// `Host` gets the suffix, or names the address when the request had none.
    func prepared() -> (address: UpstreamAddress, head: HTTPRequestHead, token: ActiveRequestToken?)? {
        guard let (address, target, token) = destination.resolve(uri: head.uri) else { return nil }
        var copyHead = HTTPRequestHead(version: .http1_1, method: head.method, uri: target, headers: head.headers)
        copyHead.headers.remove(name: "content-length")
        copyHead.headers.remove(name: "transfer-encoding")
        copyHead.headers.remove(name: "expect")
        if let body { copyHead.headers.add(name: "content-length", value: String(body.readableBytes)) }
        switch copyHead.headers.first(name: "host") {
        case let host? where !hostSuffix.isEmpty:
            copyHead.headers.replaceOrAdd(name: "host", value: Self.suffixed(host: host, with: hostSuffix))
        case .some:
            break
        case nil:
            copyHead.headers.add(name: "host", value: address.hostHeader)
        }
        return (address, copyHead, token)
    }

    /// `host[:port]` with `suffix` after the host: `api.example.com:8080` becomes
    /// `api.example.com-shadow:8080`.
    static func suffixed(host: String, with suffix: String) -> String {
        guard let colon = host.lastIndex(of: ":"), !host.hasSuffix("]"),
            host.hasPrefix("[") || host.firstIndex(of: ":") == colon
        else { return host + suffix }
        return host[..<colon] + suffix + host[colon...]
    }
}
