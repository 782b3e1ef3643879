/// Where the `jwt` plugin finds the key for a token.
enum JWTKeySource: Sendable {
    /// One configured key (`secret` or `public_key`).
    case fixed(JWTVerificationKey)
    /// The keys of a JWKS URL, kept fresh in the background.
    case jwks(JWKSKeyCache)

    /// The key that may verify `token`, or nil when none may.
    func key(for token: CompactJWT) -> JWTVerificationKey? {
        switch self {
        case .fixed(let key):
            return key
        case .jwks(let cache):
            guard let entry = cache.entry(for: token.keyID), entry.algorithm.map({ $0 == token.algorithm }) ?? true
            else { return nil }
            return entry.key
        }
    }
}
