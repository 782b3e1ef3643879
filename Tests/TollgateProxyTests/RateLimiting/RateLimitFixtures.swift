import NIOCore
import TollgateCore

@testable import TollgateProxy

/// Times and policies for the rate-limiter tests.
enum RateLimitFixtures {
    /// A start aligned on every window (a whole number of days), so fixed intervals begin at 0 s.
    static let origin: UInt64 = 1_000 * 86_400 * 1_000_000_000

    /// `seconds` after ``origin``.
    static func at(_ seconds: Double) -> NIODeadline {
        .uptimeNanoseconds(origin + UInt64(seconds * 1_000_000_000))
    }

    /// A policy with the given limits.
    static func policy(
        _ limits: [RateLimitWindows.Window: Int], _ algorithm: RateLimitWindows.Algorithm
    ) -> RateLimitPolicy {
        RateLimitPolicy(windows: RateLimitWindows(limits: limits), algorithm: algorithm)
    }

    /// Sends `count` requests for `key` at `time`; returns how many were admitted.
    static func admitted(
        _ count: Int, _ limiter: RateLimiter, key: String = "client", policy: RateLimitPolicy, at time: NIODeadline
    ) -> Int {
        (0..<count).filter { _ in limiter.admit(key, policy: policy, now: time).allowed }.count
    }
}
