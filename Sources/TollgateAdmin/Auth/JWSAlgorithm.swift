/// The JWS signature algorithms Tollgate verifies (the `alg` header of a token).
///
/// Anything else — `none`, `PS256`, `HS384`… — is refused before any key is looked at.
enum JWSAlgorithm: String, Sendable, CaseIterable {
    case hs256 = "HS256"
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case edDSA = "EdDSA"

    /// The RSA algorithms one RSA public key may verify.
    static let rsa: [JWSAlgorithm] = [.rs256, .rs384, .rs512]
}
