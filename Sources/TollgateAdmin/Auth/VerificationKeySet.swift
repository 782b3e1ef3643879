import JWTKit

/// The keys that verify admin tokens, one `JWTKeyCollection` per algorithm.
///
/// Keeping a collection per algorithm makes the token's `alg` choose the key, never the
/// other way round: an RSA key is only ever used as RS256/RS384/RS512, an HS256 token is
/// refused outright when no HMAC secret is configured (no HS/RS confusion), and a JWK
/// without `alg` can serve every algorithm of its key type.
struct VerificationKeySet: Sendable {
    private let collections: [JWSAlgorithm: JWTKeyCollection]
    /// The `kid`s of the keys when they came from a JWKS; empty for a single configured key.
    let keyIdentifiers: Set<String>

    init(collections: [JWSAlgorithm: JWTKeyCollection], keyIdentifiers: Set<String> = []) {
        self.collections = collections
        self.keyIdentifiers = keyIdentifiers
    }

    /// The keys verifying `algorithm`, or nil when no key may verify it.
    func keys(for algorithm: JWSAlgorithm) -> JWTKeyCollection? {
        collections[algorithm]
    }

    /// An HS256 secret. The secret is the collection's default key, so the token's `kid` is ignored.
    static func hmac(secret: [UInt8]) async throws(AdminAuthConfigurationError) -> VerificationKeySet {
        VerificationKeySet(collections: [.hs256: try await .hs256(secret: secret)])
    }
}
