import Crypto

/// SHA-256 digests of secrets that are stored hashed, and the short fingerprints
/// that responses show in their place.
public enum SecretDigest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The lowercase hexadecimal SHA-256 digest of `secret`'s UTF-8 bytes.
    public static func sha256Hex(_ secret: String) -> String {
        var text: [UInt8] = []
        for byte in SHA256.hash(data: Array(secret.utf8)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` is a SHA-256 digest in hexadecimal (64 digits, either case).
    public static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy(Syntax.isHexDigit)
    }

    /// `sha256:` followed by the first 12 digits of a hexadecimal digest.
    public static func fingerprint(ofDigest digest: String) -> String {
        "sha256:" + digest.prefix(12)
    }
}
