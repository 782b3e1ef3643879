import NIOHTTP1
import TollgateCore

/// What the router reads of a request. Holds the parsed request's own strings: building one allocates nothing.
public struct RouteRequest: Sendable {
    public var method: HTTPMethod
    /// The request target as received (`/a/b?q`), before normalisation: the router normalises it.
    public var target: String
    /// The Host as received, possibly with a port (`Example.org:8080`); compared case-insensitively.
    public var host: String?
    /// The scheme the client used.
    public var scheme: RouteSpec.ClientProtocol
    /// The request headers, for routes with `headers`.
    public var headers: HTTPHeaders

    /// - Parameters:
    ///   - method: The request method.
    ///   - target: The request target as received.
    ///   - host: The Host header value, or nil when there is none.
    ///   - scheme: The scheme the client used.
    ///   - headers: The request headers.
    public init(
        method: HTTPMethod, target: String, host: String?, scheme: RouteSpec.ClientProtocol,
        headers: HTTPHeaders = [:]
    ) {
        self.method = method
        self.target = target
        self.host = host
        self.scheme = scheme
        self.headers = headers
    }

    /// The routing view of a parsed request head. The host is the `Host` header's, or the
    /// authority of an absolute-form target (`GET http://example.org/a`), which RFC 9112
    /// §3.2.2 says takes precedence.
    /// - Parameters:
    ///   - head: The request head.
    ///   - scheme: The scheme the client used (https on the TLS listener).
    public init(head: HTTPRequestHead, scheme: RouteSpec.ClientProtocol) {
        var host = head.headers.first(name: "host")
        if head.uri.utf8.first != ASCII.slash {
            let authority = Array(head.uri.utf8).withUnsafeBufferPointer { RequestTarget.authority(of: $0) }
            if let authority { host = String(decoding: Array(head.uri.utf8)[authority], as: UTF8.self) }
        }
        self.init(method: head.method, target: head.uri, host: host, scheme: scheme, headers: head.headers)
    }
}
