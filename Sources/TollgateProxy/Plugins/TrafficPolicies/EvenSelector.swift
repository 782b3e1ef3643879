import Synchronization

/// Selects an exact share of a stream of requests, evenly spread rather than by
/// chance: of every million requests exactly `perMillion` are selected, and after
/// any number n of requests the count selected is within one of n × share.
///
/// Request n (counting from 0, modulo one million) is selected when
/// ⌊(n+1)·share⌋ > ⌊n·share⌋. One atomic increment per call; shared by every event loop.
final class EvenSelector: Sendable {
    private static let cycle: UInt64 = 1_000_000
    private let position = Atomic<UInt64>(0)

    init() {}

    /// Whether the next request is selected, for a share of `perMillion` (0…1,000,000).
    func next(perMillion: UInt64) -> Bool {
        let n = position.wrappingAdd(1, ordering: .relaxed).oldValue % Self.cycle
        return (n + 1) * perMillion / Self.cycle > n * perMillion / Self.cycle
    }

    /// `percent` (0…100) in millionths, rounded.
    static func perMillion(percent: Double) -> UInt64 {
        UInt64((min(max(percent, 0), 100) * 10_000).rounded())
    }
}
