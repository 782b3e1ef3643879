import NIOCore

/// How long a target ejected by passive checks alone waits before a half-open trial:
/// ``initial`` after the ejection, doubled after each failed trial, at most ``maximum``.
///
/// Kong never brings such a target back by itself; Tollgate lets traffic try it again.
public struct HalfOpenBackoff: Sendable, Hashable {
    /// The wait after an ejection.
    public var initial: TimeAmount
    /// The longest wait.
    public var maximum: TimeAmount

    /// - Parameters:
    ///   - initial: The wait after an ejection (above zero).
    ///   - maximum: The longest wait (at least `initial`).
    public init(initial: TimeAmount, maximum: TimeAmount) {
        precondition(initial.nanoseconds > 0 && maximum >= initial, "HalfOpenBackoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
    }

    /// 10 s, doubling up to 5 minutes.
    public static let standard = HalfOpenBackoff(initial: .seconds(10), maximum: .minutes(5))

    /// The wait before the next trial when `failedTrials` trials in a row have failed.
    func delay(afterFailedTrials failedTrials: Int) -> TimeAmount {
        var delay = initial
        for _ in 0..<min(failedTrials, 62) where delay < maximum {
            delay = delay + delay
        }
        return min(delay, maximum)
    }
}
