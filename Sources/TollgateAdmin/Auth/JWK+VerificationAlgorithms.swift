import JWTKit

extension JWK {
    /// The algorithms this key may verify: its `alg` when it names one, otherwise every
    /// algorithm of its key type (RSA → RS256/RS384/RS512). Empty for a key Tollgate does not use.
    var verificationAlgorithms: [JWSAlgorithm] {
        let family: [JWSAlgorithm] =
            switch (keyType, curve?.rawValue) {
            case (.rsa, _): JWSAlgorithm.rsa
            case (.ecdsa, ECDSACurve.p256.rawValue): [.es256]
            case (.ecdsa, ECDSACurve.p384.rawValue): [.es384]
            case (.octetKeyPair, EdDSACurve.ed25519.rawValue): [.edDSA]
            default: []
            }
        guard let declared = algorithm?.rawValue else { return family }
        return family.filter { $0.rawValue == declared }
    }
}
