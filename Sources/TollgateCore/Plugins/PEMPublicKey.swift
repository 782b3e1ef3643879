import Foundation

/// A structural check of a PEM public key: one `-----BEGIN PUBLIC KEY-----` block
/// whose base64 body decodes to a DER SEQUENCE of the right length.
///
/// The key's algorithm and numbers are left to the JWT library that loads it;
/// this catches pasting mistakes (a private key, a certificate, a truncated body).
enum PEMPublicKey {
    private static let header = "-----BEGIN PUBLIC KEY-----"
    private static let footer = "-----END PUBLIC KEY-----"
    private static let base64Alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)

    /// Checks `text` for an ``ObjectReader`` `check:` parameter.
    static func check(_ text: String) -> String? {
        if text.contains("PRIVATE KEY") {
            return "must be a public key; this is a private key, which must never be configured here"
        }
        let armoured = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard armoured.hasPrefix(header), armoured.hasSuffix(footer), armoured.count > header.count + footer.count
        else { return "must be a PEM public key from \(header) to \(footer)" }
        let body = armoured.dropFirst(header.count).dropLast(footer.count).utf8.filter {
            ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains($0)
        }
        guard body.allSatisfy(base64Alphabet.contains), let der = Data(base64Encoded: Data(body)),
            isDERSequence(Array(der))
        else { return "must have a base64-encoded DER public key between \(header) and \(footer)" }
        return nil
    }

    /// Whether `der` is exactly one DER SEQUENCE: tag 0x30 and a length that matches the bytes that follow.
    private static func isDERSequence(_ der: [UInt8]) -> Bool {
        guard der.count >= 2, der[0] == 0x30 else { return false }
        guard der[1] & 0x80 != 0 else { return Int(der[1]) == der.count - 2 }
        let lengthBytes = Int(der[1] & 0x7F)
        guard (1...4).contains(lengthBytes), der.count > 2 + lengthBytes else { return false }
        let length = der[2..<(2 + lengthBytes)].reduce(0) { $0 << 8 | Int($1) }
        return length == der.count - 2 - lengthBytes
    }
}
