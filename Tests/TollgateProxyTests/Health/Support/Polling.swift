import Foundation
import Testing

/// Polls `condition` every 10 ms until it holds or `limit` passes. Returns how
/// long it took; when it never held, records an issue saying `what` did not
/// happen and returns nil. Bounded: never waits past `limit`.
@discardableResult
func waitUntil(
    _ what: String, within limit: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async rethrows -> Duration? {
    let clock = ContinuousClock()
    let start = clock.now
    while clock.now - start < limit {
        if try await condition() { return clock.now - start }
        try? await Task.sleep(for: .milliseconds(10))
    }
    if try await condition() { return clock.now - start }
    Issue.record("within \(limit): \(what)", sourceLocation: sourceLocation)
    return nil
}

extension Duration {
    /// `seconds` as a duration (fractions allowed).
    static func seconds(fraction seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
