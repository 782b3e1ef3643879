/// A set of bytes, 256 bits: one character class of a path regex.
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    init() {}

    /// Every byte except a line feed: what `.` matches.
    static let anyButNewline: ByteSet = {
        var set = ByteSet(ranges: [0...255])
        set.remove(UInt8(ascii: "\n"))
        return set
    }()

    /// ASCII digits: `\d`.
    static let digits = ByteSet(ranges: [UInt8(ascii: "0")...UInt8(ascii: "9")])

    /// ASCII word characters: `\w`.
    static let wordCharacters = ByteSet(ranges: [
        UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_")...UInt8(ascii: "_"),
    ])

    /// ASCII white space: `\s` (space, tab, line feed, vertical tab, form feed, carriage return).
    static let whitespace = ByteSet(ranges: [UInt8(ascii: " ")...UInt8(ascii: " "), 0x09...0x0D])

    init(ranges: [ClosedRange<UInt8>]) {
        for range in ranges {
            for byte in range { insert(byte) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func remove(_ byte: UInt8) {
        let mask = ~(UInt64(1) << UInt64(byte & 63))
        switch byte >> 6 {
        case 0: words.0 &= mask
        case 1: words.1 &= mask
        case 2: words.2 &= mask
        default: words.3 &= mask
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    /// The bytes not in this set.
    var inverted: ByteSet {
        var set = ByteSet()
        set.words = (~words.0, ~words.1, ~words.2, ~words.3)
        return set
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
