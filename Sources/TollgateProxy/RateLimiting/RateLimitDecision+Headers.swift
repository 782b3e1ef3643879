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
    func addHeaders(to headers: inout some HeaderCollection) {
        // The first limit on a request (the common case) adds its headers without looking any up.
        let first = !headers.contains(name: "RateLimit-Remaining")
        // Three `RateLimit-*`, two per window (usually one), and `Retry-After`: one allocation.
        if first { headers.reserveCapacity(adding: 6) }
        if let (_, quota) = tightest, first || Self.isTighter(quota.remaining, than: headers, name: "RateLimit-Remaining", allowed) {
            headers.add(name: "RateLimit-Limit", value: String(quota.limit), replacing: !first)
            headers.add(name: "RateLimit-Remaining", value: String(quota.remaining), replacing: !first)
            headers.add(name: "RateLimit-Reset", value: String(quota.reset), replacing: !first)
        }
        quotas.forEach { window, quota in
            guard first || Self.isTighter(quota.remaining, than: headers, name: window.remainingHeader, allowed) else { return }
            headers.add(name: window.limitHeader, value: String(quota.limit), replacing: !first)
            headers.add(name: window.remainingHeader, value: String(quota.remaining), replacing: !first)
        }
        if let retryAfter, first || retryAfter > headers.first(name: "Retry-After").flatMap(Int.init) ?? 0 {
            headers.add(name: "Retry-After", value: String(retryAfter), replacing: !first)
        }
    }

    /// Whether `remaining` is tighter than the value of header `name`, if there is one.
    private static func isTighter(_ remaining: Int, than headers: some HeaderCollection, name: String, _ allowed: Bool) -> Bool {
        guard let written = headers.first(name: name).flatMap(Int.init) else { return true }
        return remaining < written || (remaining == written && !allowed)
    }
}

extension HeaderCollection {
    /// Adds the header, or replaces every header of that name when `replacing`.
    fileprivate mutating func add(name: String, value: String, replacing: Bool) {
        if replacing {
            set(name: name, value: value)
        } else {
            add(name: name, value: value)
        }
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
