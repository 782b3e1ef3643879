import Synchronization

/// Swift's `Regex` for a path pattern, compiled on first use and shared by every
/// thread: the slow path of ``PathRegex``, set as close to PCRE's byte semantics as
/// it goes (ASCII classes, simple word boundaries, Unicode scalars, not graphemes).
final class SwiftRegexFallback: Sendable {
    private let pattern: String
    /// nil until first use; then the compiled regex, or nil again inside when the
    /// pattern does not compile (such a path never matches).
    private let compiled = Mutex<Regex<AnyRegexOutput>??>(nil)

    init(pattern: String) {
        self.pattern = pattern
    }

    /// The length in bytes of the match at the start of `bytes`, or nil.
    func prefixMatchLength(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let regex = compiled.withLock { compiled in
            if let compiled { return compiled }
            let regex = try? Regex(pattern).asciiOnlyCharacterClasses().wordBoundaryKind(.simple)
                .matchingSemantics(.unicodeScalar)
            compiled = .some(regex)
            return regex
        }
        let path = String(decoding: bytes, as: UTF8.self)
        guard let regex, let match = try? regex.prefixMatch(in: path) else { return nil }
        return path.utf8.distance(from: path.startIndex, to: match.range.upperBound)
    }
}
