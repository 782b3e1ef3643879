#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A radix tree over byte strings, flattened into arrays: finds every stored key that
/// is a prefix of a text in one walk along the text, without allocating.
///
/// The router files route paths under their prefix (or a regex's literal prefix) and
/// host names under their name or wildcard part, each key with the `Int32` value the
/// caller gave it (a list or scope number).
struct PrefixTree: Sendable {
    private struct Node: Sendable {
        /// The edge label from the parent: a range of `labels`.
        var labelStart: Int32 = 0
        var labelLength: Int32 = 0
        /// Children are contiguous, ordered by the first byte of their label.
        var firstChild: Int32 = 0
        var childCount: Int32 = 0
        /// The value of the key ending at this node, or -1.
        var value: Int32 = -1
    }

    private var nodes: [Node] = [Node()]
    private var labels: [UInt8] = []
    /// The first label byte of each node, for the child search.
    private var firstBytes: [UInt8] = [0]

    /// - Parameters:
    ///   - keys: Distinct keys.
    ///   - values: The value of each key (non-negative).
    init(keys: [[UInt8]], values: [Int32]) {
        precondition(Set(keys).count == keys.count && keys.count == values.count, "PrefixTree needs distinct keys and one value per key")
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        guard !order.isEmpty else { return }
        fill(node: 0, keys: keys, order: order[...], depth: 0)
        for index in nodes.indices where nodes[index].value >= 0 {
            nodes[index].value = values[Int(nodes[index].value)]
        }
    }

    /// Builds the subtree of `node` from keys (sorted, sharing their first `depth` bytes).
    private mutating func fill(node: Int, keys: [[UInt8]], order: ArraySlice<Int>, depth: Int) {
        var remaining = order
        if let first = remaining.first, keys[first].count == depth {
            nodes[node].value = Int32(first)
            remaining = remaining.dropFirst()
        }
        var groups: [(order: ArraySlice<Int>, depth: Int)] = []
        while let first = remaining.first {
            let byte = keys[first][depth]
            let end = remaining.firstIndex { keys[$0][depth] != byte } ?? remaining.endIndex
            let group = remaining[..<end]
            let last = keys[group.last!]
            let common = zip(keys[first][depth...], last[depth...]).prefix { $0 == $1 }.count
            groups.append((group, depth + common))
            remaining = remaining[end...]
        }
        nodes[node].firstChild = Int32(nodes.count)
        nodes[node].childCount = Int32(groups.count)
        for group in groups {
            let key = keys[group.order.first!]
            nodes.append(Node(labelStart: Int32(labels.count), labelLength: Int32(group.depth - depth)))
            firstBytes.append(key[depth])
            labels.append(contentsOf: key[depth..<group.depth])
        }
        let firstChild = Int(nodes[node].firstChild)
        for (offset, group) in groups.enumerated() {
            fill(node: firstChild + offset, keys: keys, order: group.order, depth: group.depth)
        }
    }

    /// Whether the tree holds no key.
    var isEmpty: Bool { nodes.count == 1 && nodes[0].value < 0 }

    /// Calls `body` with the value and length of every key that is a prefix of `text`,
    /// shortest first.
    func forEachPrefix(of text: UnsafeBufferPointer<UInt8>, _ body: (_ value: Int32, _ length: Int) -> Void) {
        nodes.withUnsafeBufferPointer { nodes in
            labels.withUnsafeBufferPointer { labels in
                firstBytes.withUnsafeBufferPointer { firstBytes in
                    var node = 0
                    var position = 0
                    while true {
                        let value = nodes[node].value
                        if value >= 0 { body(value, position) }
                        guard position < text.count,
                            let child = Self.child(of: nodes[node], startingWith: text[position], in: firstBytes)
                        else { return }
                        let start = Int(nodes[child].labelStart)
                        let length = Int(nodes[child].labelLength)
                        guard position + length <= text.count,
                            Self.bytesEqual(labels, start + 1, text, position + 1, count: length - 1)
                        else { return }
                        position += length
                        node = child
                    }
                }
            }
        }
    }

    /// The value of the key equal to `text`, or nil.
    func value(for text: UnsafeBufferPointer<UInt8>) -> Int32? {
        var found: Int32?
        forEachPrefix(of: text) { value, length in
            if length == text.count { found = value }
        }
        return found
    }

    /// Whether `count` bytes of `a` from `aStart` equal those of `b` from `bStart` (both in bounds).
    private static func bytesEqual(
        _ a: UnsafeBufferPointer<UInt8>, _ aStart: Int, _ b: UnsafeBufferPointer<UInt8>, _ bStart: Int, count: Int
    ) -> Bool {
        guard count > 0, let a = a.baseAddress, let b = b.baseAddress else { return count <= 0 }
        return memcmp(a + aStart, b + bStart, count) == 0
    }

    /// The child of `node` whose label starts with `byte` (binary search over the children's first bytes).
    private static func child(of node: Node, startingWith byte: UInt8, in firstBytes: UnsafeBufferPointer<UInt8>)
        -> Int?
    {
        var low = Int(node.firstChild)
        let end = low + Int(node.childCount)
        var high = end
        while low < high {
            let middle = (low + high) / 2
            if firstBytes[middle] < byte {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < end && firstBytes[low] == byte ? low : nil
    }
}
