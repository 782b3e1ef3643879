import TollgateCore

/// The limits one limiter enforces, compiled when a snapshot is built: the limit of
/// each configured window and how requests are counted.
///
/// - `fixed_window`: each window counts the requests of its current fixed interval
///   (aligned on multiples of its length) and resets when the next one starts.
/// - `sliding_window`: each window estimates the requests of the last window length
///   as the current fixed interval's count plus the previous interval's count
///   weighted by the share of it still inside the sliding window.
/// - `token_bucket`: one bucket holding at most the smallest window's limit (the
///   burst), refilled continuously at the slowest rate of the configured windows
///   (limit ÷ length), so that no window's average rate is exceeded over time.
public struct RateLimitPolicy: Sendable, Hashable {
    /// How requests are counted.
    public let algorithm: RateLimitWindows.Algorithm
    /// The limit of each configured window.
    public let limits: RateLimitWindowTable<Int>
    /// The token bucket's size: the lowest limit, the shortest window's (limits grow with windows).
    let bucketCapacity: Double
    /// The token bucket's refill rate in tokens per nanosecond.
    let bucketRefillPerNanosecond: Double
    /// How long a key's counter must stay unused to be equivalent to a new one, in
    /// nanoseconds: the longest window (twice for the sliding window, whose previous
    /// interval still counts), or the time a token bucket takes to fill up.
    let idleLifetime: UInt64

    /// - Parameters:
    ///   - windows: The limit of each window (at least one).
    ///   - algorithm: How requests are counted.
    public init(windows: RateLimitWindows, algorithm: RateLimitWindows.Algorithm = .slidingWindow) {
        var limits = RateLimitWindowTable<Int>()
        var capacity = Double.infinity
        var rate = Double.infinity
        for (window, limit) in windows.limits {
            limits[window] = limit
            capacity = min(capacity, Double(limit))
            rate = min(rate, Double(limit) / (Double(window.seconds) * 1e9))
        }
        precondition(capacity.isFinite, "a rate-limit policy needs at least one window")
        self.algorithm = algorithm
        self.limits = limits
        self.bucketCapacity = capacity
        self.bucketRefillPerNanosecond = rate
        let longest = UInt64(windows.limits.keys.map(\.seconds).max() ?? 0) * 1_000_000_000
        self.idleLifetime =
            switch algorithm {
            case .fixedWindow: longest
            case .slidingWindow: 2 * longest
            case .tokenBucket: UInt64((capacity / rate).rounded(.up))
            }
    }
}
