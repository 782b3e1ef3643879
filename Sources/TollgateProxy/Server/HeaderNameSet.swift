/// A few header names (or `Connection` options), matched ASCII case-insensitively
/// without allocating. A mask of their lengths rules most names out before a byte
/// is compared: the sets are checked against every header of every message.
struct HeaderNameSet: Sendable {
    private let names: [String]
    /// Bit `n` is set when a name is `n` bytes long (longer names are always compared).
    private let lengths: UInt64

    init(_ names: [String]) {
        self.names = names
        self.lengths = names.reduce(0) { mask, name in mask | Self.lengthBit(name.utf8.count) }
    }

    func contains(_ name: some StringProtocol) -> Bool {
        mayContain(length: name.utf8.count) && names.contains { name.equalsCaseInsensitively($0) }
    }

    /// Whether the name in `bytes` is in the set.
    func contains(bytes name: some Collection<UInt8>) -> Bool {
        mayContain(length: name.count) && names.contains { ASCIIFolding.equal(name, $0.utf8) }
    }

    private func mayContain(length: Int) -> Bool {
        lengths & Self.lengthBit(length) != 0
    }

    private static func lengthBit(_ count: Int) -> UInt64 {
        count < 63 ? 1 << UInt64(count) : 1 << 63
    }
}

extension StringProtocol {
    /// ASCII case-insensitive equality, without allocating: only A–Z fold to a–z.
    func equalsCaseInsensitively(_ other: some StringProtocol) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in ASCIIFolding.equal(mine, theirs) }
        }
        return compared.flatMap { $0 } ?? ASCIIFolding.equal(utf8, other.utf8)
    }
}

/// Byte-wise comparison under ASCII case folding.
enum ASCIIFolding {
    static func equal(_ mine: some Sequence<UInt8>, _ theirs: some Sequence<UInt8>) -> Bool {
        var theirBytes = theirs.makeIterator()
        for a in mine {
            guard let b = theirBytes.next(), a == b || (a | 0x20 == b | 0x20 && (0x61...0x7A).contains(a | 0x20)) else {
                return false
            }
        }
        return theirBytes.next() == nil
    }
}
