/// Builds Admin API paths with each variable segment percent-encoded
/// (`/upstreams/u/targets/%5B%3A%3A1%5D%3A8080`).
enum KongPath {
    /// Percent-encodes one path segment: everything but unreserved characters.
    static func segment(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// `/services/orders` from `services` and `orders`.
    static func entity(_ collection: String, _ key: String) -> String {
        "/\(collection)/\(segment(key))"
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array("-._~".utf8).contains(byte)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
