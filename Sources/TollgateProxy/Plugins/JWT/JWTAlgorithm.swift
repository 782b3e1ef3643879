/// The JWS algorithms the `jwt` plugin verifies (`alg` in a token's header).
///
/// `none` is not among them, and each key accepts only the algorithms of its own
/// kind (see ``JWTVerificationKey``), so an HMAC check can never be run with a
/// public key as its secret.
enum JWTAlgorithm: String, Sendable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case edDSA = "EdDSA"
}
