import NIOCore
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("RateLimit algorithms")
struct RateLimitAlgorithmTests {
    private let limiter = RateLimiter(shardCount: 4, capacityPerShard: 64)
    private typealias F = RateLimitFixtures

    @Test("fixed window: the limit per interval, reset at the interval's end")
    func fixedWindow() throws {
        let policy = F.policy([.minute: 3], .fixedWindow)
        #expect(F.admitted(3, limiter, policy: policy, at: F.at(50)) == 3)
        let rejected = limiter.admit("client", policy: policy, now: F.at(50.5))
        #expect(!rejected.allowed)
        #expect(rejected.retryAfter == 10)
        #expect(rejected.quotas[.minute] == .init(limit: 3, remaining: 0, reset: 10))
        // The next interval starts at 60 s with nothing counted, whatever came before.
        #expect(F.admitted(4, limiter, policy: policy, at: F.at(60)) == 3)
    }

    @Test("sliding window: the previous interval weighs by the share still inside the window")
    func slidingWindow() throws {
        let policy = F.policy([.minute: 10], .slidingWindow)
        #expect(F.admitted(10, limiter, policy: policy, at: F.at(59)) == 10)
        // At 75 s, a quarter into the next interval: 10 × 0.75 = 7.5 counted, so 2 more fit.
        #expect(F.admitted(5, limiter, policy: policy, at: F.at(75)) == 2)
        let rejected = limiter.admit("client", policy: policy, now: F.at(75))
        #expect(!rejected.allowed)
        // 10 × (1 − f) + 2 + 1 ≤ 10 once f ≥ 0.3, at 78 s.
        #expect(rejected.retryAfter == 3)
        #expect(F.admitted(1, limiter, policy: policy, at: F.at(77.9)) == 0)
        #expect(F.admitted(2, limiter, policy: policy, at: F.at(78)) == 1)
    }

    @Test("sliding window: a full interval makes the client wait into the next one")
    func slidingWindowRetryInNextInterval() {
        let policy = F.policy([.minute: 4], .slidingWindow)
        #expect(F.admitted(4, limiter, policy: policy, at: F.at(30)) == 4)
        let rejected = limiter.admit("client", policy: policy, now: F.at(30))
        // 4 × (1 − f) + 1 ≤ 4 once f ≥ 0.25, at 75 s.
        #expect(rejected.retryAfter == 45)
        #expect(F.admitted(1, limiter, policy: policy, at: F.at(74)) == 0)
        #expect(F.admitted(1, limiter, policy: policy, at: F.at(75)) == 1)
    }

    @Test("token bucket: bursts up to the smallest window's limit, refills at the slowest rate")
    func tokenBucket() {
        // Burst 5; rates 5/s and 60/min: refilled at 1 token per second.
        let policy = F.policy([.second: 5, .minute: 60], .tokenBucket)
        #expect(F.admitted(8, limiter, policy: policy, at: F.at(0)) == 5)
        let rejected = limiter.admit("client", policy: policy, now: F.at(0.25))
        #expect(!rejected.allowed)
        #expect(rejected.retryAfter == 1)
        #expect(rejected.quotas[.second] == .init(limit: 5, remaining: 0, reset: 5))
        #expect(F.admitted(3, limiter, policy: policy, at: F.at(1)) == 1)
        #expect(F.admitted(3, limiter, policy: policy, at: F.at(3.5)) == 2)
        // Long idle: the bucket is full again, never fuller.
        #expect(F.admitted(10, limiter, policy: policy, at: F.at(100)) == 5)
    }

    @Test("every window is enforced and a rejected request is counted in none", arguments: [
        RateLimitWindows.Algorithm.fixedWindow, .slidingWindow,
    ])
    func everyWindow(algorithm: RateLimitWindows.Algorithm) {
        let policy = F.policy([.second: 2, .minute: 5], algorithm)
        #expect(F.admitted(50, limiter, policy: policy, at: F.at(0)) == 2)
        let second = limiter.admit("client", policy: policy, now: F.at(0.5))
        #expect(second.quotas[.minute]?.remaining == 3)
        #expect(second.quotas[.second]?.remaining == 0)
        #expect(F.admitted(50, limiter, policy: policy, at: F.at(2)) == 2)
        #expect(F.admitted(50, limiter, policy: policy, at: F.at(4)) == 1)
        let byMinute = limiter.admit("client", policy: policy, now: F.at(6))
        #expect(!byMinute.allowed)
        #expect(byMinute.quotas[.second]?.remaining == 2)
        #expect(byMinute.quotas[.minute]?.remaining == 0)
    }

    @Test("keys are counted apart")
    func keysApart() {
        let policy = F.policy([.hour: 2], .slidingWindow)
        #expect(F.admitted(3, limiter, key: "a", policy: policy, at: F.at(0)) == 2)
        #expect(F.admitted(3, limiter, key: "b", policy: policy, at: F.at(0)) == 2)
    }

    @Test("a changed limit keeps the count; a changed algorithm starts over")
    func policyChange() {
        #expect(F.admitted(3, limiter, policy: F.policy([.minute: 10], .slidingWindow), at: F.at(1)) == 3)
        #expect(F.admitted(5, limiter, policy: F.policy([.minute: 5], .slidingWindow), at: F.at(2)) == 2)
        #expect(F.admitted(5, limiter, policy: F.policy([.minute: 4], .tokenBucket), at: F.at(3)) == 4)
    }

    @Test("a time read before an interval change counts in the newer interval")
    func staleTime() {
        let policy = F.policy([.second: 1], .fixedWindow)
        #expect(limiter.admit("client", policy: policy, now: F.at(1)).allowed)
        #expect(!limiter.admit("client", policy: policy, now: F.at(0.9)).allowed)
    }
}
