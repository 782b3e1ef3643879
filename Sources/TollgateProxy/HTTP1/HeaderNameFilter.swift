/// A set of header names that can answer "certainly not among them" without reading a
/// name: each name sets one of 64 bits, chosen by its length and its first and last bytes
/// (ASCII case folded). A name whose bit is set may or may not be among them; the caller
/// then looks. Lets the response phase skip scanning an upstream's header lines for the
/// headers it sets (`Vary`, `Access-Control-*`…), which the upstream rarely sent, and
/// ``HeaderNameSet`` rule out most names before comparing any.
struct HeaderNameFilter: Equatable, Sendable {
    private var bits: UInt64 = 0

    mutating func insert(_ name: some Collection<UInt8>) {
        bits |= Self.bit(for: name)
    }

    /// False when `name` is certainly not in the set.
    func mayContain(_ name: some Collection<UInt8>) -> Bool {
        bits & Self.bit(for: name) != 0
    }

    private static func bit(for name: some Collection<UInt8>) -> UInt64 {
        let count = name.count
        guard let first = name.first else { return 1 }
        // O(1) for the names passed here: slices of raw bytes and native strings' UTF-8 views.
        let last = name[name.index(name.startIndex, offsetBy: count - 1)]
        // `| 0x20` folds ASCII letters and leaves `-` and digits as they are.
        let mixed = UInt64(count) &* 31 &+ UInt64(first | 0x20) &* 7 &+ UInt64(last | 0x20)
        return 1 << (mixed % 64)
    }
}
