/// The state of the token-bucket algorithm for one key: the tokens left and when
/// they were last refilled. Capacity and rate come from the ``RateLimitPolicy``.
struct TokenBucket: Sendable {
    private(set) var tokens: Double
    private var refilledAt: UInt64

    /// A full bucket.
    init(policy: RateLimitPolicy, now: UInt64) {
        tokens = policy.bucketCapacity
        refilledAt = now
    }

    /// Adds the tokens earned since the last refill, up to the capacity.
    mutating func refill(at now: UInt64, policy: RateLimitPolicy) {
        guard now > refilledAt else { return }
        tokens = min(policy.bucketCapacity, tokens + Double(now - refilledAt) * policy.bucketRefillPerNanosecond)
        refilledAt = now
    }

    /// Takes one token if a whole one is left.
    mutating func take() -> Bool {
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Puts back the token of a request that was taken but not served, up to the capacity.
    mutating func giveBack(policy: RateLimitPolicy) {
        tokens = min(policy.bucketCapacity, tokens + 1)
    }

    /// Nanoseconds until a whole token is available.
    func untilToken(policy: RateLimitPolicy) -> UInt64 {
        Self.nanoseconds(for: 1 - tokens, policy: policy)
    }

    /// Nanoseconds until the bucket is full again.
    func untilFull(policy: RateLimitPolicy) -> UInt64 {
        Self.nanoseconds(for: policy.bucketCapacity - tokens, policy: policy)
    }

    private static func nanoseconds(for missing: Double, policy: RateLimitPolicy) -> UInt64 {
        missing > 0 ? UInt64((missing / policy.bucketRefillPerNanosecond).rounded(.up)) : 0
    }
}
