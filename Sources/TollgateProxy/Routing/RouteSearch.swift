/// One walk of a ``RouteIndex`` for one request: tries candidate routes from the
/// indexes and keeps the best-ranked one that matches.
///
/// Every candidate list is in rank order, so a list is read only until its first
/// match or until its ranks are no better than the best match found so far.
struct RouteSearch {
    /// The index's routes, valid for the search.
    private let routes: UnsafeBufferPointer<CompiledRoute>
    private let input: MatchInput
    /// The best matching rank so far, `Int32.max` when none.
    private(set) var bestRank = Int32.max
    /// The matched path length of the best route.
    private(set) var matchedLength = 0

    init(routes: UnsafeBufferPointer<CompiledRoute>, input: MatchInput) {
        self.routes = routes
        self.input = input
    }

    mutating func search(_ scope: RouteScope) {
        scope.forEachCandidateList(path: input.pathBytes) { ranks in
            for rank in ranks {
                guard rank < bestRank else { return }
                if let length = routes[Int(rank)].matchedLength(input) {
                    bestRank = rank
                    matchedLength = length
                    return
                }
            }
        }
    }
}
