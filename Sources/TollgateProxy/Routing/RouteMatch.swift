/// The route a request matched and the upstream target to send.
public struct RouteMatch: Sendable {
    /// The matched route's ``RouteTable/Entry/index``.
    public let index: Int
    /// Whether the route asks to keep the client's Host header (the caller sets the upstream Host).
    public let preserveHost: Bool
    /// Bytes at the start of the path that `strip_path` removes: the matched prefix or
    /// the part a regex path matched (1, the leading slash, for a route without paths);
    /// nil when `strip_path` is off.
    private let strippedLength: Int?
    private let servicePath: String?
    /// The request target as received, and where its parts are.
    private let received: String
    private let parts: RequestTarget
    /// The normalised path when it differs from the received one.
    private let normalizedPath: String?

    /// - Parameters:
    ///   - route: The matched route.
    ///   - matchedLength: The length of the path part the route matched.
    ///   - received: The request target as received; `parts` says where its path and query are.
    ///   - normalizedPath: The normalised path, when normalising changed it.
    init(route: CompiledRoute, matchedLength: Int, received: String, parts: RequestTarget, normalizedPath: String?) {
        index = route.index
        preserveHost = route.preserveHost
        strippedLength = route.stripPath ? matchedLength : nil
        servicePath = route.servicePath
        self.received = received
        self.parts = parts
        self.normalizedPath = normalizedPath
    }

    /// The request path after normalisation (`PathNormalizer.swift`): what the route
    /// matched, and what is forwarded (after `strip_path` and the service path).
    public var path: Substring {
        if let normalizedPath { return normalizedPath[...] }
        return parts.hasImpliedRootPath ? "/" : slice(parts.path)
    }

    /// The query with its leading `?`, exactly as received; empty when there is none.
    public var query: Substring {
        slice(parts.queryStart..<received.utf8.count)
    }

    /// The origin-form target to send upstream: the service path joined with the
    /// (stripped) path as `UpstreamPath.swift` describes (Kong's rules), then the query as received.
    /// Returns the received target itself, without allocating, when that is the result
    /// (and for the asterisk-form `*`, which has no path to join).
    public var upstreamTarget: String {
        let isUnchanged =
            normalizedPath == nil && (servicePath == nil || servicePath == "/") && (strippedLength ?? 0) <= 1
        if parts.isOriginForm && isUnchanged || !parts.isOriginForm && path.utf8.first != ASCII.slash {
            return received
        }
        return UpstreamPath.join(servicePath: servicePath, path: path, strippedLength: strippedLength) + query
    }

    private func slice(_ range: Range<Int>) -> Substring {
        let utf8 = received.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return Substring(utf8[start..<utf8.index(start, offsetBy: range.count)])
    }
}
