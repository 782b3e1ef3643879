import NIOHTTP1
import TollgateCore

/// Header rewriting at the proxy boundary: hop-by-hop headers out, forwarding headers in.
enum ProxyHeaders {
    /// Hop-by-hop headers (RFC 9110 §7.6.1) that never cross the proxy. Framing
    /// (`transfer-encoding`) is kept: the proxy's writers frame the body from it.
    static let hopByHop = HeaderNameSet([
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "proxy-authenticate",
        "proxy-authorization",
    ])

    /// The `Via` entry this gateway adds.
    static let via = "1.1 tollgate"
    /// `Via` as the first added header of a relayed response, shared by every response.
    private static let viaOnly: [ResponseHeaders.Field] = [(name: "via", value: via)]

    /// Headers a `Connection` header may not remove: the message's framing (removing
    /// it would let a body pass as the next request) and its `Host`.
    static let protectedFromConnection = HeaderNameSet(["content-length", "transfer-encoding", "host"])

    /// The end-to-end headers of a message: without the hop-by-hop ones, those the
    /// `Connection` header names, and those `keeping` refuses; in one array with room
    /// for `extra` more, so that a message's rewrite allocates once.
    static func endToEndHeaders(
        of headers: HTTPHeaders, reserving extra: Int, keeping: (_ name: String, _ value: String) -> Bool
    ) -> [(String, String)] {
        let removed = hopByHopNames(in: headers) ?? []
        var kept: [(String, String)] = []
        kept.reserveCapacity(headers.count + extra)
        for (name, value) in headers {
            // Not `HTTPHeaders.remove(name:)`: its case folding also equates `^` and `~`.
            if !removed.isEmpty && removed.contains(where: { name.equalsCaseInsensitively($0) }) { continue }
            if keeping(name, value) { kept.append((name, value)) }
        }
        return kept
    }

    /// The names of the hop-by-hop headers present and of those `Connection` names;
    /// nil, found without allocating, when there is none.
    private static func hopByHopNames(in headers: HTTPHeaders) -> [String]? {
        var found: [String] = []
        for (name, value) in headers where hopByHop.contains(name) {
            found.append(name)
            if name.equalsCaseInsensitively("connection") { appendNamed(byConnection: value, to: &found) }
        }
        return found.isEmpty ? nil : found
    }

    /// Appends the header names a `Connection` value lists, except the protected ones
    /// and the hop-by-hop ones (removed anyway: `Connection: keep-alive` adds nothing).
    private static func appendNamed(byConnection value: String, to names: inout [String]) {
        HTTP1Syntax.forEachListElement(in: value.utf8) { bytes in
            let option = Substring(bytes)
            if !protectedFromConnection.contains(option) && !hopByHop.contains(option) { names.append(option.lowercased()) }
        }
    }

    /// The forwarding headers this gateway sets: a client's own values are replaced
    /// (`X-Forwarded-For` is appended to instead).
    private static let forwarding = HeaderNameSet([
        "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
    ])

    /// A request's headers as they go upstream, built in one pass into one allocation:
    /// the hop-by-hop headers out, then `X-Forwarded-For` (appending the client),
    /// `X-Forwarded-Proto`, `-Host`, `-Port` and `Via` in; with room for `extra` more.
    static func upstreamRequestHeaders(from original: HTTPHeaders, connection: ClientConnection, reserving extra: Int)
        -> HTTPHeaders
    {
        var hasForwardedFor = false
        var host: String?
        // Room for the four forwarding headers and `Via`.
        var kept = endToEndHeaders(of: original, reserving: 5 + extra) { name, value in
            if forwarding.contains(name) {
                hasForwardedFor = hasForwardedFor || name.equalsCaseInsensitively("x-forwarded-for")
                return false
            }
            if host == nil && name.equalsCaseInsensitively("host") { host = value }
            return true
        }
        let forwardedFor =
            hasForwardedFor
            ? original[canonicalForm: "x-forwarded-for"].joined(separator: ", ") + ", " + connection.address
            : connection.address
        kept.append(("x-forwarded-for", forwardedFor))
        kept.append(("x-forwarded-proto", connection.scheme.rawValue))
        if let host { kept.append(("x-forwarded-host", host)) }
        kept.append(("x-forwarded-port", connection.localPort))
        kept.append(("via", via))
        return HTTPHeaders(kept)
    }

    /// Asks the upstream for the upgrade the client asked for (hop-by-hop headers were removed).
    static func requestUpgrade(_ protocols: String, in headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "connection", value: "upgrade")
        headers.replaceOrAdd(name: "upgrade", value: protocols)
    }

    /// Passes the upstream's acceptance of an upgrade on to the client.
    static func acceptUpgrade(from upstream: HTTPHeaders, in headers: inout ResponseHeaders) {
        headers.set(name: "connection", value: "upgrade")
        headers.set(name: "upgrade", value: upstream["upgrade"].joined(separator: ", "))
    }

    /// Rewrites a response head for the client: hop-by-hop out; `Via`, a sticky-session
    /// cookie, and `Connection` in when the client must be told (the connection closes, or an
    /// HTTP/1.0 connection stays open). An HTTP/1.1 client gets the upstream's other lines as
    /// they came when they can be (``UpstreamResponseHead/isRelayable``); an HTTP/1.0 client
    /// gets no `Transfer-Encoding`: the body is sent as is and ends with the connection.
    /// `reserving` makes room for headers the response phase will add.
    static func clientResponseHead(
        from upstream: UpstreamResponseHead, version: HTTPVersion, keepAlive: Bool, setCookie: String?, reserving: Int
    ) -> ClientResponseHead {
        // Room for `Via`, a cookie, `Connection` and a framing header.
        let addedCount = 4 + reserving
        if upstream.isRelayable && version == .http1_1 {
            // Starts from one shared `[Via]`: a response that gains no other header allocates no array.
            var head = ClientResponseHead(relaying: upstream, adding: viaOnly)
            if reserving > 0 { head.headers.reserveCapacity(adding: addedCount) }
            addClientHeaders(to: &head.headers, version: version, keepAlive: keepAlive, setCookie: setCookie)
            return head
        }
        var headers = HTTPHeaders(
            endToEndHeaders(of: upstream.headers, reserving: addedCount) { name, _ in
                version != .http1_0 || !name.equalsCaseInsensitively("transfer-encoding")
            })
        headers.add(name: "via", value: via)
        addClientHeaders(to: &headers, version: version, keepAlive: keepAlive, setCookie: setCookie)
        return ClientResponseHead(HTTPResponseHead(version: version, status: upstream.status, headers: headers))
    }

    /// An interim response (`100 Continue`, `103 Early Hints`…) for an HTTP/1.1 client: the
    /// upstream's end-to-end headers, without the hop-by-hop ones (RFC 9110 §7.6.1 applies to
    /// every message a proxy forwards).
    static func interimResponseHead(from upstream: UpstreamResponseHead) -> ClientResponseHead {
        let headers = HTTPHeaders(endToEndHeaders(of: upstream.headers, reserving: 0) { _, _ in true })
        return ClientResponseHead(HTTPResponseHead(version: .http1_1, status: upstream.status, headers: headers))
    }

    /// Adds what this client must be told besides `Via`: a sticky-session cookie, and
    /// `Connection` when the connection closes or an HTTP/1.0 connection stays open.
    private static func addClientHeaders(
        to headers: inout some HeaderCollection, version: HTTPVersion, keepAlive: Bool, setCookie: String?
    ) {
        if let setCookie { headers.add(name: "set-cookie", value: setCookie) }
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if version == .http1_0 {
            headers.add(name: "connection", value: "keep-alive")
        }
    }
}
