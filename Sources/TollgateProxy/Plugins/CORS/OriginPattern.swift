/// A `~` origin of the `cors` configuration: a regular expression that must match
/// a whole origin, compiled once.
///
/// As in Kong, a pattern without `:` is matched against the origin's host alone
/// (`~.*\.example\.com`), and one with `:` against the whole normalized origin
/// (`~https://.*\.example\.com`).
struct OriginPattern: Sendable {
    private let regex: PathRegex
    private let matchesHostOnly: Bool

    /// - Parameter pattern: The regular expression, without its `~`.
    init(_ pattern: String) {
        regex = PathRegex(pattern: "(?:\(pattern))$")
        matchesHostOnly = !pattern.contains(":")
    }

    func matches(_ origin: NormalizedOrigin) -> Bool {
        var subject = matchesHostOnly ? String(origin.host) : origin.text
        return subject.withUTF8 { regex.prefixMatchLength(in: $0) != nil }
    }
}
