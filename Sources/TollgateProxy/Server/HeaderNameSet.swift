/// A few header names (or `Connection` options), matched ASCII case-insensitively
/// without allocating. A ``HeaderNameFilter`` rules most names out before a byte is
/// compared: the sets are checked against every header of every message.
struct HeaderNameSet: Sendable {
    private let names: [String]
    private let filter: HeaderNameFilter

    init(_ names: [String]) {
        self.names = names
        var filter = HeaderNameFilter()
        for name in names { filter.insert(name.utf8) }
        self.filter = filter
    }

    func contains(_ name: some StringProtocol) -> Bool {
        filter.mayContain(name.utf8) && names.contains { name.equalsCaseInsensitively($0) }
    }

    /// Whether the name in `bytes` is in the set.
    func contains(bytes name: some Collection<UInt8>) -> Bool {
        filter.mayContain(name) && names.contains { ASCIIFolding.equal(name, $0.utf8) }
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
