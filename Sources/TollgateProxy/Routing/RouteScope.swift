/// The routes reachable under one host key (an exact host name, one wildcard, or
/// "no hosts"), indexed by path: a ``PrefixTree`` of the keys the routes' paths are
/// filed under, each with the list of route ranks filed there, best rank first.
/// A class: the search reaches it through one reference, without copying its arrays.
final class RouteScope: Sendable {
    private let paths: PrefixTree
    /// Ranks, list after list.
    private let ranks: [Int32]
    /// Where each list of `ranks` ends; list `i` starts where list `i - 1` ends.
    private let listEnds: [Int32]

    /// - Parameter filings: (path key, rank) pairs in increasing rank order.
    init(filings: [(key: [UInt8], rank: Int32)]) {
        var lists: [[UInt8]: [Int32]] = [:]
        var keys: [[UInt8]] = []
        for filing in filings {
            if lists[filing.key] == nil { keys.append(filing.key) }
            lists[filing.key, default: []].append(filing.rank)
        }
        paths = PrefixTree(keys: keys, values: keys.indices.map(Int32.init))
        var ranks: [Int32] = []
        var listEnds: [Int32] = []
        for key in keys {
            ranks.append(contentsOf: lists[key]!)
            listEnds.append(Int32(ranks.count))
        }
        self.ranks = ranks
        self.listEnds = listEnds
    }

    /// Calls `body` with each list of ranks whose key is a prefix of the path, shortest key first.
    func forEachCandidateList(path: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Int32>) -> Void) {
        ranks.withUnsafeBufferPointer { ranks in
            listEnds.withUnsafeBufferPointer { listEnds in
                paths.forEachPrefix(of: path) { list, _ in
                    let start = list == 0 ? 0 : Int(listEnds[Int(list) - 1])
                    body(UnsafeBufferPointer(rebasing: ranks[start..<Int(listEnds[Int(list)])]))
                }
            }
        }
    }
}
