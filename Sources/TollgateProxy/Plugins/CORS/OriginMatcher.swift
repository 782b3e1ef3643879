/// The `origins` of a `cors` configuration: `*`, exact origins (a set lookup) and
/// patterns (tried only when an origin is not in the set).
struct OriginMatcher: Sendable {
    /// Whether `*` is listed.
    let allowsAny: Bool
    private let exact: Set<String>
    private let patterns: [OriginPattern]

    init(_ origins: [String]) {
        allowsAny = origins.contains("*")
        exact = Set(origins.filter { $0 != "*" && !$0.hasPrefix("~") }.map { NormalizedOrigin($0)?.text ?? $0 })
        patterns = origins.filter { $0.hasPrefix("~") }.map { OriginPattern(String($0.dropFirst())) }
    }

    /// Whether `origin` (an `Origin` header value) is listed by an exact origin or a pattern.
    func lists(_ origin: String) -> Bool {
        if exact.contains(origin) { return true }
        guard let normalized = NormalizedOrigin(origin) else { return false }
        return exact.contains(normalized.text) || patterns.contains { $0.matches(normalized) }
    }
}
