/// Parses the subset of regular-expression syntax that path regexes use in practice
/// into a ``RegexNode``, over ASCII bytes.
///
/// Supported: literals and escaped punctuation, `.`, classes (`[a-z_]`, `[^/]`),
/// `\d \D \w \W \s \S` (ASCII), groups (`(…)`, `(?:…)`, named), alternation,
/// greedy and lazy quantifiers (`* + ? {n} {n,} {n,m}`, up to 1,000), anchors
/// (`^ $ \A \z \Z \b \B`). Anything else — look-around, back-references, inline
/// options, Unicode properties, non-ASCII pattern text — throws
/// ``RegexParser/Unsupported``, and ``PathRegex`` uses Swift's `Regex` instead.
struct RegexParser {
    /// The pattern uses syntax this parser leaves to Swift's `Regex`.
    struct Unsupported: Error {}

    /// Largest bound accepted in `{n,m}`.
    static let maximumRepetition = 1_000

    private let pattern: [UInt8]
    private var position = 0

    init(pattern: String) {
        self.pattern = Array(pattern.utf8)
    }

    /// Parses the whole pattern.
    mutating func parse() throws(Unsupported) -> RegexNode {
        let node = try parseAlternation()
        guard position == pattern.count else { throw Unsupported() }
        return node
    }

    private var current: UInt8? { position < pattern.count ? pattern[position] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        position += 1
        return true
    }

    private mutating func next() throws(Unsupported) -> UInt8 {
        guard let byte = current else { throw Unsupported() }
        position += 1
        return byte
    }

    private mutating func parseAlternation() throws(Unsupported) -> RegexNode {
        var branches = [try parseConcatenation()]
        while take(UInt8(ascii: "|")) { branches.append(try parseConcatenation()) }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(Unsupported) -> RegexNode {
        var items: [RegexNode] = []
        while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            let atom = try parseAtom()
            items.append(try parseQuantifier(of: atom))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func parseAtom() throws(Unsupported) -> RegexNode {
        let byte = try next()
        switch byte {
        case UInt8(ascii: "("): return try parseGroup()
        case UInt8(ascii: "["): return .set(try parseClass())
        case UInt8(ascii: "."): return .set(.anyButNewline)
        case UInt8(ascii: "^"): return .assertion(.start)
        case UInt8(ascii: "$"): return .assertion(.end)
        case UInt8(ascii: "\\"): return try parseEscape()
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "]"),
            UInt8(ascii: "}"):
            throw Unsupported()
        default:
            guard byte < 0x80 else { throw Unsupported() }
            return .byte(byte)
        }
    }

    private mutating func parseGroup() throws(Unsupported) -> RegexNode {
        if take(UInt8(ascii: "?")) {
            switch try next() {
            case UInt8(ascii: ":"):
                break
            case UInt8(ascii: "<"):
                try skipGroupName(until: UInt8(ascii: ">"))
            case UInt8(ascii: "'"):
                try skipGroupName(until: UInt8(ascii: "'"))
            case UInt8(ascii: "P"):
                guard take(UInt8(ascii: "<")) else { throw Unsupported() }
                try skipGroupName(until: UInt8(ascii: ">"))
            default:
                throw Unsupported()
            }
        }
        let inner = try parseAlternation()
        guard take(UInt8(ascii: ")")) else { throw Unsupported() }
        return inner
    }

    /// Skips a capture name (letters, digits, `_`, not starting with a digit) and its terminator.
    private mutating func skipGroupName(until terminator: UInt8) throws(Unsupported) {
        let start = position
        while let byte = current, ByteSet.wordCharacters.contains(byte) { position += 1 }
        guard position > start, !ByteSet.digits.contains(pattern[start]), take(terminator) else { throw Unsupported() }
    }

    private mutating func parseQuantifier(of atom: RegexNode) throws(Unsupported) -> RegexNode {
        let bounds: (min: Int, max: Int?)
        switch current {
        case UInt8(ascii: "*"):
            position += 1
            bounds = (0, nil)
        case UInt8(ascii: "+"):
            position += 1
            bounds = (1, nil)
        case UInt8(ascii: "?"):
            position += 1
            bounds = (0, 1)
        case UInt8(ascii: "{"):
            bounds = try parseBraces()
        default:
            return atom
        }
        if case .assertion = atom { throw Unsupported() }
        let greedy = !take(UInt8(ascii: "?"))
        switch current {
        case UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "{"): throw Unsupported()
        default: return .repetition(atom, min: bounds.min, max: bounds.max, greedy: greedy)
        }
    }

    /// `{n}`, `{n,}` or `{n,m}`; leaves the position after the closing brace.
    private mutating func parseBraces() throws(Unsupported) -> (min: Int, max: Int?) {
        position += 1
        let minimum = try parseNumber()
        var maximum: Int? = minimum
        if take(UInt8(ascii: ",")) {
            maximum = current == UInt8(ascii: "}") ? nil : try parseNumber()
        }
        guard take(UInt8(ascii: "}")), maximum.map({ $0 >= minimum }) ?? true else { throw Unsupported() }
        return (minimum, maximum)
    }

    private mutating func parseNumber() throws(Unsupported) -> Int {
        var value = 0
        let start = position
        while let byte = current, ByteSet.digits.contains(byte) {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= Self.maximumRepetition else { throw Unsupported() }
            position += 1
        }
        guard position > start else { throw Unsupported() }
        return value
    }

    private mutating func parseEscape() throws(Unsupported) -> RegexNode {
        let byte = try next()
        switch byte {
        case UInt8(ascii: "A"): return .assertion(.start)
        case UInt8(ascii: "z"), UInt8(ascii: "Z"): return .assertion(.end)
        case UInt8(ascii: "b"): return .assertion(.wordBoundary)
        case UInt8(ascii: "B"): return .assertion(.notWordBoundary)
        default: return .set(try escapedSet(byte))
        }
    }

    /// The set an escape stands for, inside or outside a class: `\d`, `\w`, `\s`, their
    /// negations, control escapes and escaped punctuation.
    private func escapedSet(_ byte: UInt8) throws(Unsupported) -> ByteSet {
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.inverted
        case UInt8(ascii: "w"): return .wordCharacters
        case UInt8(ascii: "W"): return ByteSet.wordCharacters.inverted
        case UInt8(ascii: "s"): return .whitespace
        case UInt8(ascii: "S"): return ByteSet.whitespace.inverted
        case UInt8(ascii: "t"): return ByteSet(ranges: [0x09...0x09])
        case UInt8(ascii: "n"): return ByteSet(ranges: [0x0A...0x0A])
        case UInt8(ascii: "r"): return ByteSet(ranges: [0x0D...0x0D])
        case UInt8(ascii: "f"): return ByteSet(ranges: [0x0C...0x0C])
        case UInt8(ascii: "v"): return ByteSet(ranges: [0x0B...0x0B])
        default:
            // Escaped punctuation is literal; escaped letters and digits mean something else.
            guard byte < 0x80, !ByteSet.wordCharacters.contains(byte), byte > 0x20 else { throw Unsupported() }
            return ByteSet(ranges: [byte...byte])
        }
    }

    /// A class after its `[`: items, ranges, negation; leaves the position after `]`.
    private mutating func parseClass() throws(Unsupported) -> ByteSet {
        let negated = take(UInt8(ascii: "^"))
        guard current != UInt8(ascii: "]") else { throw Unsupported() }
        var set = ByteSet()
        while !take(UInt8(ascii: "]")) {
            let lower = try parseClassItem()
            guard current == UInt8(ascii: "-"), position + 1 < pattern.count, pattern[position + 1] != UInt8(ascii: "]")
            else {
                set.formUnion(lower.set)
                continue
            }
            position += 1
            let upper = try parseClassItem()
            guard let from = lower.single, let to = upper.single, from <= to else { throw Unsupported() }
            set.formUnion(ByteSet(ranges: [from...to]))
        }
        return negated ? set.inverted : set
    }

    /// One class member: a literal byte (which may start a range) or an escape.
    private mutating func parseClassItem() throws(Unsupported) -> (set: ByteSet, single: UInt8?) {
        let byte = try next()
        switch byte {
        case UInt8(ascii: "\\"):
            let escaped = try next()
            let set = try escapedSet(escaped)
            let isSingle = !ByteSet.wordCharacters.contains(escaped) || "tnrfv".utf8.contains(escaped)
            return (set, isSingle ? firstMember(of: set) : nil)
        case UInt8(ascii: "["):
            throw Unsupported()  // POSIX classes and nested sets
        case UInt8(ascii: "&"), UInt8(ascii: "~"):
            // `&&` and `~~` are set operations in Swift's syntax.
            guard current != byte else { throw Unsupported() }
            return (ByteSet(ranges: [byte...byte]), byte)
        case UInt8(ascii: "-"):
            // `--` is set subtraction in Swift's syntax.
            guard current != byte else { throw Unsupported() }
            return (ByteSet(ranges: [byte...byte]), byte)
        default:
            guard byte < 0x80 else { throw Unsupported() }
            return (ByteSet(ranges: [byte...byte]), byte)
        }
    }

    private func firstMember(of set: ByteSet) -> UInt8? {
        (0...255).first { set.contains(UInt8($0)) }.map { UInt8($0) }
    }
}
