import JWTKit
import Logging

extension VerificationKeySet {
    /// The signing keys of a JWKS. Keys without a `kid`, encryption keys and keys of an
    /// unsupported type are skipped with a warning. No collection has a default key, so a
    /// token whose `kid` is not in the set never verifies against some other key.
    static func jwks(_ document: JWKSDocument, logger: Logger) async -> VerificationKeySet {
        var collections: [JWSAlgorithm: JWTKeyCollection] = [:]
        var keyIdentifiers: Set<String> = []
        for (index, entry) in document.keys.enumerated() where entry.use != "enc" {
            guard let key = entry.key, let kid = key.keyIdentifier?.string, !key.verificationAlgorithms.isEmpty else {
                logger.warning(
                    "Skipping JWKS key \(index): it has no kid or is not an RSA, P-256, P-384 or Ed25519 key")
                continue
            }
            for algorithm in key.verificationAlgorithms {
                var pinned = key
                pinned.algorithm = JWK.Algorithm(rawValue: algorithm.rawValue)
                let collection = collections[algorithm] ?? JWTKeyCollection()
                do {
                    try await collection.add(jwk: pinned)
                    collections[algorithm] = collection
                    keyIdentifiers.insert(kid)
                } catch {
                    logger.warning("Skipping JWKS key \(kid) for \(algorithm.rawValue): \(error)")
                }
            }
        }
        for collection in collections.values {
            await collection.clearDefault()
        }
        return VerificationKeySet(collections: collections, keyIdentifiers: keyIdentifiers)
    }
}
