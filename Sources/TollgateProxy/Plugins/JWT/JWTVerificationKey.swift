import Crypto
import _CryptoExtras

/// A key that verifies token signatures, and the algorithms it allows.
///
/// Verification is synchronous (swift-crypto), so it runs on the event loop.
enum JWTVerificationKey: Sendable {
    /// An HS256/384/512 secret.
    case hmac(SymmetricKey)
    /// An RSA public key (RS256/384/512, PKCS #1 v1.5).
    case rsa(_RSA.Signing.PublicKey)
    /// A P-256 public key (ES256).
    case p256(P256.Signing.PublicKey)
    /// A P-384 public key (ES384).
    case p384(P384.Signing.PublicKey)
    /// An Ed25519 public key (EdDSA).
    case ed25519(Curve25519.Signing.PublicKey)

    /// Whether `signature` signs `input` under `algorithm`; false when the key does
    /// not allow the algorithm (no HS/RS confusion).
    func verifies(_ signature: [UInt8], of input: [UInt8], algorithm: JWTAlgorithm) -> Bool {
        switch (self, algorithm) {
        case (.hmac(let key), .hs256): HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case (.hmac(let key), .hs384): HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case (.hmac(let key), .hs512): HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case (.rsa(let key), .rs256): key.verifiesPKCS1(signature, digest: SHA256.hash(data: input))
        case (.rsa(let key), .rs384): key.verifiesPKCS1(signature, digest: SHA384.hash(data: input))
        case (.rsa(let key), .rs512): key.verifiesPKCS1(signature, digest: SHA512.hash(data: input))
        case (.p256(let key), .es256):
            (try? P256.Signing.ECDSASignature(rawRepresentation: signature)).map {
                key.isValidSignature($0, for: SHA256.hash(data: input))
            } ?? false
        case (.p384(let key), .es384):
            (try? P384.Signing.ECDSASignature(rawRepresentation: signature)).map {
                key.isValidSignature($0, for: SHA384.hash(data: input))
            } ?? false
        case (.ed25519(let key), .edDSA): key.isValidSignature(signature, for: input)
        default: false
        }
    }
}

extension _RSA.Signing.PublicKey {
    fileprivate func verifiesPKCS1(_ signature: [UInt8], digest: some Digest) -> Bool {
        isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5)
    }
}
