import NIOHTTP1
import TollgateCore

extension RateLimitDecision {
    /// Adds the rate-limit headers of the decision: `RateLimit-Limit`,
    /// `RateLimit-Remaining` and `RateLimit-Reset` for the tightest window,
    /// `X-RateLimit-Limit-<Window>` and `X-RateLimit-Remaining-<Window>` for each
    /// window, and `Retry-After` when the request is rejected.
    ///
    /// When another limit on the same request (a `rate-limiting` plugin, then a
    /// tenant limit) already wrote them, the client sees the tighter of the two:
    /// the `RateLimit-*` of the limit with fewer requests remaining (the rejecting
    /// one on a tie), per window the quota with fewer remaining, the later `Retry-After`.
    public func addHeaders(to headers: inout HTTPHeaders) {
        if let (_, quota) = tightest, Self.isTighter(quota.remaining, than: headers, name: "RateLimit-Remaining", allowed) {
            headers.replaceOrAdd(name: "RateLimit-Limit", value: String(quota.limit))
            headers.replaceOrAdd(name: "RateLimit-Remaining", value: String(quota.remaining))
            headers.replaceOrAdd(name: "RateLimit-Reset", value: String(quota.reset))
        }
        quotas.forEach { window, quota in
            guard Self.isTighter(quota.remaining, than: headers, name: window.remainingHeader, allowed) else { return }
            headers.replaceOrAdd(name: window.limitHeader, value: String(quota.limit))
            headers.replaceOrAdd(name: window.remainingHeader, value: String(quota.remaining))
        }
        if let retryAfter, retryAfter > headers.first(name: "Retry-After").flatMap(Int.init) ?? 0 {
            headers.replaceOrAdd(name: "Retry-After", value: String(retryAfter))
        }
    }

    /// Whether `remaining` is tighter than the value of header `name`, if there is one.
    private static func isTighter(_ remaining: Int, than headers: HTTPHeaders, name: String, _ allowed: Bool) -> Bool {
        guard let written = headers.first(name: name).flatMap(Int.init) else { return true }
        return remaining < written || (remaining == written && !allowed)
    }
}

extension RateLimitWindows.Window {
    /// `X-RateLimit-Limit-<Window>`, the window capitalised (`Minute`).
    var limitHeader: String {
        switch self {
        case .second: "X-RateLimit-Limit-Second"
        case .minute: "X-RateLimit-Limit-Minute"
        case .hour: "X-RateLimit-Limit-Hour"
        case .day: "X-RateLimit-Limit-Day"
        }
    }

    /// `X-RateLimit-Remaining-<Window>`, the window capitalised (`Minute`).
    var remainingHeader: String {
        switch self {
        case .second: "X-RateLimit-Remaining-Second"
        case .minute: "X-RateLimit-Remaining-Minute"
        case .hour: "X-RateLimit-Remaining-Hour"
        case .day: "X-RateLimit-Remaining-Day"
        }
    }
}
