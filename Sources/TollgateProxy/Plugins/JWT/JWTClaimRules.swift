import TollgateCore

/// The registered claims the `jwt` plugin checks, from `claims_to_verify` and
/// `maximum_expiration` (no leeway, as Kong).
struct JWTClaimRules: Sendable {
    let checksExpiry: Bool
    let checksNotBefore: Bool
    /// Seconds; 0 for no bound.
    let maximumExpiration: Int

    /// Why `claims` fail at `now` (seconds since the epoch); nil when they pass.
    func violation(in claims: [String: JSONValue], now: Double) -> JWTRejection? {
        if checksExpiry {
            guard let expiry = claims["exp"]?.doubleValue else { return .claimMissing }
            if now >= expiry { return .expired }
            if maximumExpiration > 0, expiry - now > Double(maximumExpiration) { return .expirationTooFar }
        }
        if checksNotBefore {
            guard let notBefore = claims["nbf"]?.doubleValue else { return .claimMissing }
            if now < notBefore { return .notYetValid }
        }
        return nil
    }
}
