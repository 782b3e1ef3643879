import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("RateLimitDecision")
struct RateLimitDecisionTests {
    private typealias Quota = RateLimitDecision.Quota

    private static func decision(
        _ quotas: [RateLimitWindows.Window: Quota], allowed: Bool = true, retryAfter: Int? = nil
    ) -> RateLimitDecision {
        var table = RateLimitWindowTable<Quota>()
        for (window, quota) in quotas { table[window] = quota }
        return RateLimitDecision(allowed: allowed, quotas: table, retryAfter: retryAfter)
    }

    @Test("the tightest window has the fewest remaining, then the latest reset")
    func tightest() {
        let decision = Self.decision([
            .second: Quota(limit: 10, remaining: 4, reset: 1), .minute: Quota(limit: 100, remaining: 4, reset: 30),
            .hour: Quota(limit: 1000, remaining: 900, reset: 3000),
        ])
        #expect(decision.tightest?.window == .minute)
    }

    @Test("headers: the tightest window, each window capitalised, Retry-After when rejected")
    func headers() {
        var headers = HTTPHeaders()
        Self.decision(
            [.second: Quota(limit: 5, remaining: 0, reset: 1), .day: Quota(limit: 1000, remaining: 7, reset: 80000)],
            allowed: false, retryAfter: 1
        ).addHeaders(to: &headers)
        #expect(headers["RateLimit-Limit"] == ["5"])
        #expect(headers["RateLimit-Remaining"] == ["0"])
        #expect(headers["RateLimit-Reset"] == ["1"])
        #expect(headers["X-RateLimit-Limit-Second"] == ["5"])
        #expect(headers["X-RateLimit-Remaining-Second"] == ["0"])
        #expect(headers["X-RateLimit-Limit-Day"] == ["1000"])
        #expect(headers["X-RateLimit-Remaining-Day"] == ["7"])
        #expect(headers["Retry-After"] == ["1"])
        #expect(headers.count == 8)
    }

    @Test("an admitted request carries no Retry-After")
    func noRetryAfter() {
        var headers = HTTPHeaders()
        Self.decision([.minute: Quota(limit: 5, remaining: 4, reset: 60)]).addHeaders(to: &headers)
        #expect(headers["Retry-After"].isEmpty)
        #expect(headers["RateLimit-Remaining"] == ["4"])
    }

    @Test("a second limit on the request keeps the tighter headers: fewer remaining, the rejection, the later retry")
    func mergingHeaders() {
        var headers = HTTPHeaders()
        Self.decision([
            .second: Quota(limit: 5, remaining: 3, reset: 1), .minute: Quota(limit: 50, remaining: 40, reset: 20),
        ]).addHeaders(to: &headers)
        Self.decision(
            [.minute: Quota(limit: 10, remaining: 0, reset: 20), .hour: Quota(limit: 100, remaining: 2, reset: 900)],
            allowed: false, retryAfter: 20
        ).addHeaders(to: &headers)
        #expect(headers["RateLimit-Limit"] == ["10"])
        #expect(headers["RateLimit-Remaining"] == ["0"])
        #expect(headers["RateLimit-Reset"] == ["20"])
        #expect(headers["X-RateLimit-Limit-Second"] == ["5"])
        #expect(headers["X-RateLimit-Remaining-Second"] == ["3"])
        #expect(headers["X-RateLimit-Limit-Minute"] == ["10"])
        #expect(headers["X-RateLimit-Remaining-Minute"] == ["0"])
        #expect(headers["X-RateLimit-Limit-Hour"] == ["100"])
        #expect(headers["Retry-After"] == ["20"])
        #expect(headers.count == 10)

        Self.decision([.minute: Quota(limit: 80, remaining: 70, reset: 5)]).addHeaders(to: &headers)
        #expect(headers["RateLimit-Limit"] == ["10"])
        #expect(headers["X-RateLimit-Limit-Minute"] == ["10"])
    }
}
