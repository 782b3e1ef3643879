import NIOHTTP1

/// Why the `jwt` plugin refused a request; each reason has its 401, built once.
///
/// Details say what is wrong with the request without helping anyone forge a
/// token: a bad signature, an unknown key and a malformed token read the same.
enum JWTRejection: Error, CaseIterable {
    /// No bearer token in any configured header.
    case missing
    /// More than one token.
    case several
    /// Malformed, wrongly signed, signed with a key or algorithm the plugin does not accept.
    case invalid
    /// A claim in `claims_to_verify` is absent or not a number.
    case claimMissing
    /// `exp` is past.
    case expired
    /// `nbf` is in the future.
    case notYetValid
    /// `exp` is further away than `maximum_expiration` allows.
    case expirationTooFar

    /// The answer to send.
    var response: LocalResponse { Self.responses[self] ?? LocalResponse(.unauthorized, detail: detail) }

    private static let responses: [JWTRejection: LocalResponse] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, LocalResponse(.unauthorized, detail: $0.detail, headers: $0.challenge)) })

    private var detail: String {
        switch self {
        case .missing: "no token: send it as 'Authorization: Bearer <JWT>' (or in a configured header)"
        case .several: "several tokens were sent; send exactly one"
        case .invalid: "the token is not valid"
        case .claimMissing: "the token lacks a claim this route requires (exp or nbf, as numbers)"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet"
        case .expirationTooFar: "the token's exp is further away than this route allows"
        }
    }

    /// RFC 6750: a bare challenge when no token came, `invalid_token` otherwise.
    private var challenge: HTTPHeaders {
        switch self {
        case .missing: ["WWW-Authenticate": #"Bearer realm="tollgate""#]
        default: ["WWW-Authenticate": #"Bearer realm="tollgate", error="invalid_token""#]
        }
    }
}
