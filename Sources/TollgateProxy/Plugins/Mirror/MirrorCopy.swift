import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A copy of one request, waiting to be sent to a mirror.
struct MirrorCopy: Sendable {
    /// The request as it was sent upstream (method, target, headers).
    let head: HTTPRequestHead
    /// The body, when the mirror includes bodies.
    let body: ByteBuffer?
    /// The copy is dropped (or fails) when it cannot be answered by then (`timeout_ms`).
    let deadline: NIODeadline
    /// Where it goes.
    let destination: MirrorDestination
    /// Appended to the host in `Host`; empty keeps it.
    let hostSuffix: String

    /// Bytes of body the copy holds.
    var bodyBytes: Int { body?.readableBytes ?? 0 }

    /// The client request for this copy and the target token to release once it is
    /// done; nil when the destination has no usable target.
    func request() throws -> (request: HTTPClient.Request, token: ActiveRequestToken?)? {
        guard let (url, token) = destination.resolve(uri: head.uri) else { return nil }
        var headers = head.headers
        // The client frames the body itself; a copy never waits for 100-continue.
        headers.remove(name: "content-length")
        headers.remove(name: "transfer-encoding")
        headers.remove(name: "expect")
        if !hostSuffix.isEmpty, let host = headers.first(name: "host") {
            headers.replaceOrAdd(name: "host", value: Self.suffixed(host: host, with: hostSuffix))
        }
        do {
            let request = try HTTPClient.Request(
                url: url, method: head.method, headers: headers, body: body.map(HTTPClient.Body.byteBuffer))
            return (request, token)
        } catch {
            token?.release()
            throw error
        }
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
