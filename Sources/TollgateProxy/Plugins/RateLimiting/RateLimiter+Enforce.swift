import NIOHTTP1

extension RateLimiter {
    /// Admits the request for `key` under `policy` at the time it arrived, adds
    /// the rate-limit headers to its response, and answers 429 when it is over the limit.
    ///
    /// - Parameters:
    ///   - policy: The limits.
    ///   - key: What the request is counted for.
    ///   - context: The request.
    ///   - limit: Names the limit in the 429's detail; called only on rejection.
    func enforce(
        _ policy: RateLimitPolicy, key: String, on context: RequestContext, limit: () -> String
    ) -> PluginAccess {
        let decision = admit(key, policy: policy, now: context.receivedAt)
        decision.addHeaders(to: &context.responseHeaders)
        guard !decision.allowed else { return .proceed }
        return .respond(decision.tooManyRequests(limit()))
    }
}
