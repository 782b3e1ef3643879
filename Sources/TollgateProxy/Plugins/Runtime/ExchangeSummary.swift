import NIOCore

/// What the log phase knows of a finished exchange.
struct ExchangeSummary: Sendable {
    /// The status the client got; nil when the connection ended before a response head.
    var status: Int?
    /// Whether the gateway answered itself (plugin, no target, upstream failure).
    var answeredLocally: Bool
    /// The target that served the request, as `host:port`, if one did.
    var upstreamAddress: String?
    /// From the request head to the end of the response (or the failure).
    var totalLatency: TimeAmount
    /// From sending the request head upstream to the upstream's response head.
    var upstreamLatency: TimeAmount?
    /// Request body bytes read from the client.
    var requestBodyBytes: Int
    /// Response body bytes sent to the client.
    var responseBodyBytes: Int
    /// Whether the response ended normally (false: a failure cut it short).
    var completed: Bool
}
