import NIOCore

/// When a JWKS key cache fetches its key set.
struct JWKSSchedule: Sendable {
    /// Background reload period once keys are loaded.
    var refreshInterval: Duration
    /// Reload period while no key set could be loaded yet.
    var retryInterval: Duration
    /// The floor between two fetches caused by tokens with an unknown `kid`, so
    /// that forged `kid`s cannot make the gateway hammer the key server.
    var minimumRefetchInterval: Duration
    /// The time one fetch may take, connection included.
    var requestTimeout: TimeAmount

    /// 5 minutes between reloads, 5 seconds between retries, 10 seconds between
    /// unknown-`kid` refetches, 5 seconds per fetch.
    static let standard = JWKSSchedule(
        refreshInterval: .seconds(300), retryInterval: .seconds(5), minimumRefetchInterval: .seconds(10),
        requestTimeout: .seconds(5))
}
