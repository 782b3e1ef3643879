import NIOHTTP1

/// The compiled routes of a ``RouteTable`` and the indexes that find candidates.
///
/// Exact host names, `*.suffix` and `prefix.*` wildcards each lead to a scope of
/// routes; routes without hosts form one more scope. Within a scope, a radix tree
/// files routes by prefix path (regex paths by their literal prefix, routes without
/// paths under the empty key), so a match walks the Host and the path once and
/// evaluates only routes whose prefix fits, in rank order, stopping early.
///
/// A class, so that a table is one reference: copying it on the hot path costs one
/// retain, not one per array.
final class RouteIndex: Sendable {
    /// Compiled routes in priority order: a route's rank is its position here.
    let routes: [CompiledRoute]
    /// Scopes of routes with hosts; the trees below map host keys to them.
    private let scopes: [RouteScope]
    /// Routes without hosts.
    private let hostless: RouteScope
    /// Exact host name → scope.
    private let exactHosts: PrefixTree
    /// Reversed `.suffix` of `*.suffix` → scope.
    private let subdomainWildcards: PrefixTree
    /// `prefix.` of `prefix.*` → scope.
    private let topLevelWildcards: PrefixTree

    init(entries: [RouteTable.Entry]) {
        routes = Self.compile(entries)
        let hostIndex = HostIndex(routes)
        scopes = hostIndex.scopes
        hostless = hostIndex.hostless
        exactHosts = hostIndex.exact
        subdomainWildcards = hostIndex.subdomain
        topLevelWildcards = hostIndex.topLevel
    }

    /// The best route for `request`.
    /// - Parameter target: The bytes of `request.target`.
    func match(_ request: RouteRequest, target: UnsafeBufferPointer<UInt8>) -> RouteMatch? {
        let parts = RequestTarget(target)
        let path = parts.pathBytes(in: target)
        var normalized: String?
        let found: (rank: Int32, length: Int)?
        if PathNormalizer.isNormalizationNeeded(path) {
            var normalizedPath = PathNormalizer.normalize(path)
            found = normalizedPath.withUTF8 { search(request, path: $0) }
            normalized = normalizedPath
        } else {
            found = search(request, path: path)
        }
        guard let found else { return nil }
        return RouteMatch(
            route: routes[Int(found.rank)], matchedLength: found.length, received: request.target, parts: parts,
            normalizedPath: normalized)
    }

    /// The rank of the best route for `request` and the length of the path part it matched.
    /// - Parameter path: The normalised path's bytes.
    private func search(_ request: RouteRequest, path: UnsafeBufferPointer<UInt8>) -> (rank: Int32, length: Int)? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * HostSplitter.maximumLength) { buffer in
            let host = request.host.flatMap {
                RequestHost(parsing: $0, scheme: request.scheme, into: buffer, reversing: !subdomainWildcards.isEmpty)
            }
            let input = MatchInput(
                pathBytes: path, host: host, method: request.method.rawValue, scheme: request.scheme,
                headers: request.headers)
            return routes.withUnsafeBufferPointer { routes in
                var search = RouteSearch(routes: routes, input: input)
                if let host {
                    if let scope = exactHosts.value(for: host.name) { search.search(scopes[Int(scope)]) }
                    if let reversedName = host.reversedName {
                        subdomainWildcards.forEachPrefix(of: reversedName) { scope, length in
                            if length < host.name.count { search.search(scopes[Int(scope)]) }
                        }
                    }
                    if !topLevelWildcards.isEmpty {
                        topLevelWildcards.forEachPrefix(of: host.name) { scope, length in
                            if length < host.name.count { search.search(scopes[Int(scope)]) }
                        }
                    }
                }
                search.search(hostless)
                return search.bestRank == .max ? nil : (search.bestRank, search.matchedLength)
            }
        }
    }
}
