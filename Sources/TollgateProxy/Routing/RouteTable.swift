/// The router of one configuration snapshot: every route compiled and indexed once,
/// then matched against each request without locks or allocation.
///
/// A request matches a route when every attribute the route sets matches (Kong's
/// traditional router): one of its `hosts` (`HostPattern.swift`), one of its
/// `paths` (prefix, or `~` regex anchored at the start of the path), one of its
/// `methods`, every one of its `headers` with one of the values, and its
/// `protocols` the request's scheme. Paths are compared after normalisation (see
/// `PathNormalizer.swift`), case-sensitively. When several routes match, the first in
/// the order documented in `RoutePriority.swift` wins.
public struct RouteTable: Sendable {
    private let index: RouteIndex

    /// Compiles and indexes `routes`: every regex compiled, every comparison precomputed.
    ///
    /// A path regex that does not compile (the validator refuses those) never matches;
    /// a route whose hosts are all invalid matches nothing.
    /// - Parameter routes: The configuration's routes, with their service paths.
    public init(routes: [Entry]) {
        index = RouteIndex(entries: routes)
    }

    /// The number of (route, path) pairs compiled.
    public var count: Int { index.routes.count }

    /// The best route for `request`, with the upstream path to send; nil when no route
    /// matches (answer 404 `no Route matched with those values`).
    public func match(_ request: RouteRequest) -> RouteMatch? {
        let index = self.index
        var target = request.target
        return target.withUTF8 { index.match(request, target: $0) }
    }
}
