import JWTKit

extension VerificationKeySet {
    /// A PEM public key; its type decides the algorithms: RSA → RS256/RS384/RS512,
    /// EC P-256 → ES256, EC P-384 → ES384, Ed25519 → EdDSA. The key is each collection's
    /// default key, so the token's `kid` is ignored.
    /// - Throws: ``AdminAuthConfigurationError/invalidPublicKey`` or
    ///   ``AdminAuthConfigurationError/privateKeyGiven``.
    static func publicKey(pem: String) async throws(AdminAuthConfigurationError) -> VerificationKeySet {
        guard !pem.contains("PRIVATE KEY-----") else { throw .privateKeyGiven }
        if let key = try? Insecure.RSA.PublicKey(pem: pem) {
            let digests: [JWSAlgorithm: DigestAlgorithm] = [.rs256: .sha256, .rs384: .sha384, .rs512: .sha512]
            var collections: [JWSAlgorithm: JWTKeyCollection] = [:]
            for (algorithm, digest) in digests {
                collections[algorithm] = await JWTKeyCollection().add(rsa: key, digestAlgorithm: digest)
            }
            return VerificationKeySet(collections: collections)
        }
        if let key = try? ES256PublicKey(pem: pem) {
            return VerificationKeySet(collections: [.es256: await JWTKeyCollection().add(ecdsa: key)])
        }
        if let key = try? ES384PublicKey(pem: pem) {
            return VerificationKeySet(collections: [.es384: await JWTKeyCollection().add(ecdsa: key)])
        }
        if let key = try? EdDSA.PublicKey(pem: pem) {
            return VerificationKeySet(collections: [.edDSA: await JWTKeyCollection().add(eddsa: key)])
        }
        throw .invalidPublicKey
    }
}
