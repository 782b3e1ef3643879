import Crypto
import _CryptoExtras

extension JWTVerificationKey {
    /// A key that cannot be used to verify tokens.
    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    /// The public key in a PEM `PUBLIC KEY` block: RSA (2048 bits or more),
    /// P-256, P-384 or Ed25519.
    init(pem: String) throws(Unusable) {
        if let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) {
            self = .rsa(key)
        } else if let key = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            self = .p256(key)
        } else if let key = try? P384.Signing.PublicKey(pemRepresentation: pem) {
            self = .p384(key)
        } else if let key = try? Curve25519.Signing.PublicKey(pemRepresentation: pem) {
            self = .ed25519(key)
        } else {
            throw Unusable(
                description: "public_key is not an RSA (2048 bits or more), P-256, P-384 or Ed25519 public key; "
                    + "configure one of those")
        }
    }
}
