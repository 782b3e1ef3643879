/// The parsed form of a path regex, before it is compiled to a ``RegexProgram``.
///
/// Groups are kept only for their structure: the router needs where a match ends,
/// never what a group captured.
indirect enum RegexNode: Sendable, Equatable {
    /// Matches the empty string.
    case empty
    case byte(UInt8)
    case set(ByteSet)
    case concatenation([RegexNode])
    /// Alternatives, tried in order.
    case alternation([RegexNode])
    /// `min` to `max` (nil: unbounded) repetitions, greedy or lazy.
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)
    case assertion(RegexAssertion)

    /// The bytes every match must start with (`/users/` for `/users/\d+`): the key
    /// under which the router files the regex, so that it is evaluated only for paths
    /// that start with them.
    var literalPrefix: [UInt8] {
        var prefix: [UInt8] = []
        _ = appendLiteralPrefix(to: &prefix)
        return prefix
    }

    /// Appends this node's literal prefix; true when the whole node was literal (so
    /// what follows it may extend the prefix).
    private func appendLiteralPrefix(to prefix: inout [UInt8]) -> Bool {
        switch self {
        case .empty, .assertion(.start):
            return true
        case .byte(let byte):
            prefix.append(byte)
            return true
        case .concatenation(let nodes):
            for node in nodes where !node.appendLiteralPrefix(to: &prefix) { return false }
            return true
        case .set, .alternation, .repetition, .assertion:
            return false
        }
    }
}
