/// One instruction of a compiled path regex (a backtracking program in the style of
/// Thompson's construction).
enum RegexInstruction: Sendable {
    /// Consume this byte.
    case byte(UInt8)
    /// Consume a byte of the program's set at this index.
    case set(Int32)
    /// Continue at the first address; when that fails, at the second.
    case split(Int32, Int32)
    case jump(Int32)
    case assert(RegexAssertion)
    /// The pattern matched the text read so far.
    case match
}
