/// A zero-width condition in a path regex.
enum RegexAssertion: Sendable, Equatable {
    /// `^` or `\A`: the start of the path.
    case start
    /// `$`, `\z` or `\Z`: the end of the path (a path holds no line feed).
    case end
    /// `\b`.
    case wordBoundary
    /// `\B`.
    case notWordBoundary
}
