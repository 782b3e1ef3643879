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
        ASCIIFolding.equal(utf8, other.utf8)
    }
}

/// Byte-wise comparison under ASCII case folding.
enum ASCIIFolding {
    /// Compares the lengths first, then the bytes in place when both sides are contiguous
    /// (header names checked against every header of every message mostly differ in length).
    static func equal(_ mine: some Collection<UInt8>, _ theirs: some Collection<UInt8>) -> Bool {
        guard mine.count == theirs.count else { return false }
        let contiguous = mine.withContiguousStorageIfAvailable { mine in
            theirs.withContiguousStorageIfAvailable { theirs in zip(mine, theirs).allSatisfy(foldedEqual) }
        }
        return contiguous.flatMap { $0 } ?? zip(mine, theirs).allSatisfy(foldedEqual)
    }

    private static func foldedEqual(_ a: UInt8, _ b: UInt8) -> Bool {
        a == b || (a | 0x20 == b | 0x20 && (0x61...0x7A).contains(a | 0x20))
    }
}
