import TollgateCore

/// What a limiter decided for one request, with the quota of every window for the
/// response headers (see ``addHeaders(to:)``).
public struct RateLimitDecision: Sendable, Hashable {
    /// The quota of one window as this request left it.
    public struct Quota: Sendable, Hashable {
        // 32-bit fields keep a decision small enough to pass around without copying much.
        private let storedLimit: UInt32
        private let storedRemaining: UInt32
        private let storedReset: UInt32

        /// The window's limit.
        public var limit: Int { Int(storedLimit) }
        /// Requests still allowed now.
        public var remaining: Int { Int(storedRemaining) }
        /// Seconds until the window's count starts again (for a token bucket: until it is full).
        public var reset: Int { Int(storedReset) }

        /// Values beyond 32 bits are clamped (limits are at most `Int32.max`, resets a few days).
        public init(limit: Int, remaining: Int, reset: Int) {
            storedLimit = UInt32(clamping: limit)
            storedRemaining = UInt32(clamping: remaining)
            storedReset = UInt32(clamping: reset)
        }
    }

    /// Whether the request may proceed.
    public var allowed: Bool
    /// The quota of each enforced window.
    public var quotas: RateLimitWindowTable<Quota>
    /// When rejected: seconds until a request would be admitted (at least 1).
    public var retryAfter: Int?

    public init(allowed: Bool, quotas: RateLimitWindowTable<Quota>, retryAfter: Int?) {
        self.allowed = allowed
        self.quotas = quotas
        self.retryAfter = retryAfter
    }

    /// The window closest to rejecting: the fewest requests remaining, then the
    /// latest reset, then the shortest window. Nil only for a decision with no window.
    public var tightest: (window: RateLimitWindows.Window, quota: Quota)? {
        var best: (window: RateLimitWindows.Window, quota: Quota)?
        quotas.forEach { window, quota in
            guard let current = best?.quota else {
                best = (window, quota)
                return
            }
            if quota.remaining < current.remaining
                || (quota.remaining == current.remaining && quota.reset > current.reset)
            {
                best = (window, quota)
            }
        }
        return best
    }

    /// Whole seconds covering `nanoseconds` (rounded up).
    static func seconds(_ nanoseconds: UInt64) -> Int {
        Int((nanoseconds + 999_999_999) / 1_000_000_000)
    }
}
