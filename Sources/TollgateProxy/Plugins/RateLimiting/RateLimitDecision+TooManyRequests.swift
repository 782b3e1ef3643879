import NIOHTTP1
import TollgateCore

extension RateLimitDecision {
    /// The 429 problem answered for a rejected request; `limit` names the limit
    /// (the headers come from ``addHeaders(to:)``).
    func tooManyRequests(_ limit: String) -> LocalResponse {
        var detail = limit
        if let (window, quota) = tightest {
            detail += ": at most \(quota.limit) requests per \(window.rawValue)"
        }
        if let retryAfter {
            detail += "; retry in \(retryAfter) s"
        }
        return LocalResponse(.tooManyRequests, detail: detail)
    }
}
