import Crypto
import TollgateCore
import _CryptoExtras

extension JWTVerificationKey {
    /// The public key of one JWK (RFC 7517): `RSA` (`n`, `e`), `EC` on P-256 or
    /// P-384 (`x`, `y`), or `OKP` on Ed25519 (`x`). Symmetric (`oct`) keys are
    /// refused: a key set fetched over the network only carries public keys.
    init(jwk members: [String: JSONValue]) throws(Unusable) {
        func number(_ name: String) throws(Unusable) -> [UInt8] {
            guard let text = members[name]?.stringValue, let bytes = Base64URL.decode(text.utf8), !bytes.isEmpty else {
                throw Unusable(description: "has no base64url '\(name)'")
            }
            return bytes
        }
        let kty = members["kty"]?.stringValue ?? ""
        let curve = members["crv"]?.stringValue ?? ""
        do {
            switch (kty, curve) {
            case ("RSA", _): self = .rsa(try _RSA.Signing.PublicKey(n: try number("n"), e: try number("e")))
            case ("EC", "P-256"): self = .p256(try P256.Signing.PublicKey(rawRepresentation: try number("x") + number("y")))
            case ("EC", "P-384"): self = .p384(try P384.Signing.PublicKey(rawRepresentation: try number("x") + number("y")))
            case ("OKP", "Ed25519"): self = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: try number("x")))
            default: throw Unusable(description: "has kty '\(kty)' crv '\(curve)', not RSA, EC P-256/P-384 or OKP Ed25519")
            }
        } catch let error as Unusable {
            throw error
        } catch {
            throw Unusable(description: "is not a valid \(kty) public key (\(error))")
        }
    }
}
