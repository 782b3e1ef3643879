import NIOHTTP1
import TollgateCore

/// Header rewriting at the proxy boundary: hop-by-hop headers out, forwarding headers in.
enum ProxyHeaders {
    /// Hop-by-hop headers (RFC 9110 §7.6.1) that never cross the proxy. Framing
    /// (`transfer-encoding`) is kept: NIO's encoders frame the body from it.
    static let hopByHop: [String] = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "proxy-authenticate",
        "proxy-authorization",
    ]

    /// The `Via` entry this gateway adds.
    static let via = "1.1 tollgate"

    /// Headers a `Connection` header may not remove: the message's framing (removing
    /// it would let a body pass as the next request) and its `Host`.
    static let protectedFromConnection: Set<String> = ["content-length", "transfer-encoding", "host"]

    /// Removes the hop-by-hop headers, including those the `Connection` header names.
    ///
    /// One scan finds them without allocating, so headers without any (the common
    /// request) are left untouched.
    static func removeHopByHop(from headers: inout HTTPHeaders) {
        var found: [String] = []
        for (name, value) in headers where hopByHop.contains(where: { name.equalsCaseInsensitively($0) }) {
            found.append(name)
            guard name.equalsCaseInsensitively("connection") else { continue }
            for option in value.split(separator: ",") {
                let named = trimmingWhitespace(option).lowercased()
                if !named.isEmpty && !protectedFromConnection.contains(named) { found.append(named) }
            }
        }
        guard !found.isEmpty else { return }
        // Not `HTTPHeaders.remove(name:)`: its case folding also equates `^` and `~`.
        headers = HTTPHeaders(headers.filter { header in !found.contains { header.name.equalsCaseInsensitively($0) } })
    }

    /// `value` without the optional whitespace (spaces and tabs) around it.
    private static func trimmingWhitespace(_ value: Substring) -> Substring {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = value.firstIndex(where: { !isWhitespace($0) }), let last = value.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return value[first...last]
    }

    /// Adds `X-Forwarded-For` (appending the client), `X-Forwarded-Proto`, `-Host`, `-Port` and `Via`.
    static func addForwarding(to headers: inout HTTPHeaders, original: HTTPHeaders, connection: ClientConnection) {
        let forwardedFor = original[canonicalForm: "x-forwarded-for"]
        headers.replaceOrAdd(
            name: "x-forwarded-for",
            value: forwardedFor.isEmpty ? connection.address : forwardedFor.joined(separator: ", ") + ", " + connection.address)
        headers.replaceOrAdd(name: "x-forwarded-proto", value: connection.scheme.rawValue)
        if let host = original.first(name: "host") {
            headers.replaceOrAdd(name: "x-forwarded-host", value: host)
        }
        headers.replaceOrAdd(name: "x-forwarded-port", value: String(connection.localPort))
        headers.add(name: "via", value: via)
    }

    /// The protocols a request asks to switch to: its `Upgrade` value when
    /// `Connection` names the `upgrade` option, else nil.
    static func requestedUpgrade(_ headers: HTTPHeaders) -> String? {
        let protocols = headers["upgrade"]
        guard !protocols.isEmpty, headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "upgrade" })
        else { return nil }
        return protocols.joined(separator: ", ")
    }

    /// Asks the upstream for the upgrade the client asked for (hop-by-hop headers were removed).
    static func requestUpgrade(_ protocols: String, in headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "connection", value: "upgrade")
        headers.replaceOrAdd(name: "upgrade", value: protocols)
    }

    /// Passes the upstream's acceptance of an upgrade on to the client.
    static func acceptUpgrade(from upstream: HTTPHeaders, in headers: inout HTTPHeaders) {
        headers.remove(name: "connection")
        headers.add(name: "connection", value: "upgrade")
        headers.replaceOrAdd(name: "upgrade", value: upstream["upgrade"].joined(separator: ", "))
    }

    /// Rewrites a response head for the client: hop-by-hop out, `Via` in, `Connection: close` when closing.
    /// An HTTP/1.0 client gets no `Transfer-Encoding`: the body is sent as is and ends with the connection.
    static func clientResponseHead(
        from upstream: HTTPResponseHead, version: HTTPVersion, keepAlive: Bool, setCookie: String?
    ) -> HTTPResponseHead {
        var head = upstream
        head.version = version
        removeHopByHop(from: &head.headers)
        if version == .http1_0 { head.headers.remove(name: "transfer-encoding") }
        head.headers.add(name: "via", value: via)
        if let setCookie { head.headers.add(name: "set-cookie", value: setCookie) }
        if !keepAlive {
            head.headers.add(name: "connection", value: "close")
        } else if version.major == 1 && version.minor == 0 {
            head.headers.add(name: "connection", value: "keep-alive")
        }
        return head
    }
}

extension String {
    /// ASCII case-insensitive equality, without allocating: only A–Z fold to a–z.
    func equalsCaseInsensitively(_ other: String) -> Bool {
        func folded(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        return utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { folded($0) == folded($1) }
    }
}
