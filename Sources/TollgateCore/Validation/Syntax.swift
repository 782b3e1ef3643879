/// Syntax rules shared by entity fields: names, hosts, header names, paths, tags.
///
/// Each rule returns nil for an acceptable value and an error message otherwise,
/// so it plugs straight into ``ObjectReader``'s `check:` parameters.
public enum Syntax {
    /// Names of services, routes and upstreams: `^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$`.
    public static func name(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...128).contains(bytes.count), isAlphanumeric(bytes[0]),
            bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "-") })
        else { return "must match ^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$" }
        return nil
    }

    /// Tenant ids: a name that may also hold `:` and `@` (e-mail-like or URN-like ids).
    public static func tenantID(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...128).contains(bytes.count), isAlphanumeric(bytes[0]),
            bytes.allSatisfy({ isAlphanumeric($0) || Array("._~-:@".utf8).contains($0) })
        else { return "must be 1 to 128 letters, digits or ._~-:@, starting with a letter or digit" }
        return nil
    }

    /// An upstream host: a DNS name (or upstream name) or an IP address literal.
    public static func host(_ text: String) -> String? {
        if text.contains(":") {
            return isIPv6(text) ? nil : "must be a host name or an IP address"
        }
        let bytes = Array(text.utf8)
        guard (1...255).contains(bytes.count), isAlphanumeric(bytes[0]),
            bytes.allSatisfy({ isAlphanumeric($0) || Array("._~-".utf8).contains($0) })
        else { return "must be a host name or an IP address" }
        return nil
    }

    /// An IPv6 address literal without brackets (hex digits, colons, an optional dotted IPv4 tail, a zone).
    public static func isIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count >= 2 && bytes.count <= 45 && bytes.filter({ $0 == UInt8(ascii: ":") }).count >= 2
            && bytes.allSatisfy { isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }

    /// An HTTP header field name (RFC 9110 token).
    public static func headerName(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...256).contains(bytes.count), bytes.allSatisfy(isTokenCharacter) else {
            return "must be a valid HTTP header name"
        }
        return nil
    }

    /// An HTTP header value: visible characters, spaces and tabs, no line breaks.
    public static func headerValue(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= 8192, bytes.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return "must be a valid HTTP header value"
        }
        return nil
    }

    /// A URI path: starts with `/`, no whitespace, control characters, `?` or `#`.
    public static func uriPath(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= 4096,
            bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") })
        else { return "must be a path starting with / without spaces, query or fragment" }
        return nil
    }

    /// A tag: 1 to 128 visible characters, no commas.
    public static func tag(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...128).contains(bytes.count), bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: ",") })
        else { return "must be 1 to 128 visible characters without commas" }
        return nil
    }

    /// A TCP port.
    public static let ports = 1...65535

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || isDigit(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}

extension ObjectReader {
    /// Reads the optional `tags` array (default empty).
    public func tags() -> [String]? {
        strings("tags", default: [], check: Syntax.tag)
    }

    /// Reads a required entity name.
    public func name(_ key: String = "name") -> String? {
        string(key, required: true, check: Syntax.name)
    }
}
