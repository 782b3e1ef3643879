import Foundation
import TollgateCore

/// The registered-claim checks of an admin token: `exp` (required), `nbf`, `iss`, `aud`.
///
/// A token without `exp` is refused: an admin credential that never expires cannot be
/// revoked short of rotating the key.
struct ClaimRules: Sendable {
    var issuer: String?
    var audience: String?
    /// The tolerated clock skew, in seconds.
    var leeway: Double

    /// The first rule the claims break, or nil when they satisfy them all.
    func violation(in claims: [String: JSONValue], at now: Date) -> AdminAuthFailure? {
        let now = now.timeIntervalSince1970
        guard let expiry = claims["exp"] else { return .missingExpiry }
        guard let expiry = expiry.doubleValue else { return .malformedToken }
        guard now < expiry + leeway else { return .expired }
        if let notBefore = claims["nbf"] {
            guard let notBefore = notBefore.doubleValue else { return .malformedToken }
            guard now + leeway >= notBefore else { return .notYetValid }
        }
        if let issuer, claims["iss"]?.stringValue != issuer { return .wrongIssuer }
        if let audience, !Self.audiences(claims["aud"]).contains(audience) { return .wrongAudience }
        return nil
    }

    /// `aud` as a list: a single string or an array of strings.
    private static func audiences(_ claim: JSONValue?) -> [String] {
        switch claim {
        case .string(let audience): [audience]
        case .array(let audiences): audiences.compactMap(\.stringValue)
        default: []
        }
    }
}
