/// Why a request to the management API was not authenticated.
///
/// Every case but ``missingAdminRole`` answers 401 with ``Problem/invalidToken``; the reason
/// itself goes to the log only, never to the client.
public enum AdminAuthFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `Authorization` header.
    case missingCredentials
    /// An `Authorization` header with another scheme than `Bearer`.
    case notBearer
    /// The token is not a well-formed JWT, or a claim has the wrong type.
    case malformedToken
    /// The `alg` header is not one the configured keys verify (`none`, HS/RS confusion…).
    case algorithmNotAllowed
    /// No configured key matches the token's `kid` and `alg`.
    case unknownKey
    /// The signature does not verify.
    case badSignature
    /// The token has no `exp` claim.
    case missingExpiry
    /// `exp` has passed.
    case expired
    /// `nbf` is still in the future.
    case notYetValid
    /// `iss` is not the configured issuer.
    case wrongIssuer
    /// `aud` does not name the configured audience.
    case wrongAudience
    /// The token is valid but its roles do not include `ADMIN` (403).
    case missingAdminRole

    /// The problem document the client gets.
    public var problem: Problem {
        self == .missingAdminRole ? .notAdmin : .invalidToken
    }

    public var description: String {
        switch self {
        case .missingCredentials: "no Authorization header"
        case .notBearer: "the Authorization scheme is not Bearer"
        case .malformedToken: "the token is malformed"
        case .algorithmNotAllowed: "the token's alg is not allowed for the configured keys"
        case .unknownKey: "no key matches the token's kid and alg"
        case .badSignature: "the token's signature does not verify"
        case .missingExpiry: "the token has no exp claim"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet (nbf)"
        case .wrongIssuer: "the token's iss is not the configured issuer"
        case .wrongAudience: "the token's aud does not name the configured audience"
        case .missingAdminRole: "the token does not carry the ADMIN role"
        }
    }
}
