import TollgateCore

/// What one limiter remembers about one key: a counter per window for the
/// fixed- and sliding-window algorithms, or a token bucket. Mutated in place in
/// its shard's slot.
struct RateLimitCounter: Sendable {
    private var windows = RateLimitWindowTable<WindowCounter>()
    private var bucket: TokenBucket?

    /// A counter with nothing counted.
    init(policy: RateLimitPolicy, now: UInt64) {
        if policy.algorithm == .tokenBucket { bucket = TokenBucket(policy: policy, now: now) }
    }

    /// Admits a request if every window admits it, and then counts it in all of
    /// them; a rejected request is not counted.
    mutating func admit(policy: RateLimitPolicy, now: UInt64) -> RateLimitDecision {
        if (policy.algorithm == .tokenBucket) != (bucket != nil) {
            // The policy's algorithm changed: start over with the new one.
            self = RateLimitCounter(policy: policy, now: now)
        }
        guard var bucket else { return Self.admit(&windows, policy: policy, now: now) }
        let decision = Self.admit(&bucket, policy: policy, now: now)
        self.bucket = bucket
        return decision
    }

    /// Gives back the count of a request admitted at `admittedAt` under `policy`
    /// that was not served after all.
    mutating func giveBack(admittedAt: UInt64, policy: RateLimitPolicy) {
        guard (policy.algorithm == .tokenBucket) == (bucket != nil) else { return }
        if var bucket {
            bucket.giveBack(policy: policy)
            self.bucket = bucket
            return
        }
        let admittedAt = admittedAt / nanosecondsPerMillisecond
        policy.limits.forEach { window, _ in
            guard var counter = windows[window] else { return }
            counter.remove(admittedAt: admittedAt, length: window.milliseconds)
            windows[window] = counter
        }
    }

    private static func admit(
        _ counters: inout RateLimitWindowTable<WindowCounter>, policy: RateLimitPolicy, now: UInt64
    ) -> RateLimitDecision {
        let sliding = policy.algorithm == .slidingWindow
        let now = now / nanosecondsPerMillisecond
        // Counts in request-milliseconds (see WindowCounter): a request weighs the window's length.
        var used = RateLimitWindowTable<UInt64>()
        var allowed = true
        policy.limits.forEach { window, limit in
            var counter = counters[window] ?? WindowCounter()
            let count = counter.advance(to: now, length: window.milliseconds, sliding: sliding)
            counters[window] = counter
            used[window] = count
            if count + window.milliseconds > UInt64(limit) * window.milliseconds { allowed = false }
        }
        var quotas = RateLimitWindowTable<RateLimitDecision.Quota>()
        var retry: UInt64 = 0
        policy.limits.forEach { window, limit in
            let length = window.milliseconds
            guard var counter = counters[window], var count = used[window] else { return }
            let capacity = UInt64(limit) * length
            if allowed {
                counter.add()
                counters[window] = counter
                count += length
            } else if count + length > capacity {
                retry = max(retry, counter.untilAdmission(from: now, length: length, limit: limit, sliding: sliding))
            }
            let remaining = capacity > count ? Int((capacity - count) / length) : 0
            let reset = counter.untilReset(from: now, length: length) * nanosecondsPerMillisecond
            quotas[window] = RateLimitDecision.Quota(
                limit: limit, remaining: remaining, reset: RateLimitDecision.seconds(reset))
        }
        let retryAfter = max(1, RateLimitDecision.seconds(retry * nanosecondsPerMillisecond))
        return RateLimitDecision(allowed: allowed, quotas: quotas, retryAfter: allowed ? nil : retryAfter)
    }

    private static func admit(_ bucket: inout TokenBucket, policy: RateLimitPolicy, now: UInt64) -> RateLimitDecision {
        bucket.refill(at: now, policy: policy)
        let allowed = bucket.take()
        let remaining = Int(bucket.tokens.rounded(.down))
        let reset = RateLimitDecision.seconds(bucket.untilFull(policy: policy))
        var quotas = RateLimitWindowTable<RateLimitDecision.Quota>()
        policy.limits.forEach { window, limit in
            quotas[window] = RateLimitDecision.Quota(limit: limit, remaining: remaining, reset: reset)
        }
        let retry = allowed ? nil : max(1, RateLimitDecision.seconds(bucket.untilToken(policy: policy)))
        return RateLimitDecision(allowed: allowed, quotas: quotas, retryAfter: retry)
    }
}

private let nanosecondsPerMillisecond: UInt64 = 1_000_000
