/// An IP address or CIDR block, parsed strictly: `192.0.2.7`, `10.0.0.0/8`,
/// `2001:db8::1`, `2001:db8::/32`, `::ffff:192.0.2.0/120`.
///
/// IPv4 octets are 0–255 without leading zeros; IPv6 has eight groups of one to
/// four hex digits, one `::` standing for at least one zero group, and an optional
/// dotted IPv4 tail; zone ids are refused. A single address is a block of its full length.
public struct IPNetwork: Sendable, Hashable {
    /// The network address: 4 bytes for IPv4, 16 for IPv6, as written (host bits are kept).
    public var address: [UInt8]
    /// How many leading bits of `address` the block fixes (32 or 128 for a single address).
    public var prefixLength: Int

    public init(address: [UInt8], prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `address` or `address/prefix`; nil when either part is malformed or out of range.
    public static func parse(_ text: String) -> IPNetwork? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = parseAddress(parts[0]) else { return nil }
        let bits = address.count * 8
        guard parts.count == 2 else { return IPNetwork(address: address, prefixLength: bits) }
        guard let prefix = decimal(parts[1], max: bits) else { return nil }
        return IPNetwork(address: address, prefixLength: prefix)
    }

    /// Parses an IPv4 or IPv6 address into its 4 or 16 bytes.
    public static func parseAddress(_ text: Substring) -> [UInt8]? {
        if text.contains(":") {
            return parseIPv6(text)
        }
        return parseIPv4(text)
    }

    /// Checks an address or CIDR block for an ``ObjectReader`` `check:` parameter.
    public static func check(_ text: String) -> String? {
        parse(text) == nil
            ? "must be an IPv4 or IPv6 address or CIDR block, such as 192.0.2.7, 10.0.0.0/8 or 2001:db8::/32" : nil
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard let value = decimal(octet, max: 255) else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let compressions = text.ranges(of: "::")
        let groups: [UInt16]
        switch compressions.count {
        case 0:
            guard let all = hexGroups(text, tailMayBeIPv4: true), all.count == 8 else { return nil }
            groups = all
        case 1:
            let gap = compressions[0]
            guard let head = hexGroups(text[..<gap.lowerBound], tailMayBeIPv4: false),
                let tail = hexGroups(text[gap.upperBound...], tailMayBeIPv4: true), head.count + tail.count <= 7
            else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        default:
            return nil
        }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// The 16-bit groups of one side of an IPv6 address (empty text: none); a dotted
    /// IPv4 last group counts as two.
    private static func hexGroups(_ text: Substring, tailMayBeIPv4: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if tailMayBeIPv4, index == parts.count - 1, part.contains(".") {
                guard let bytes = parseIPv4(part) else { return nil }
                groups.append(UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
                groups.append(UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
            } else {
                guard (1...4).contains(part.utf8.count), part.utf8.allSatisfy(Syntax.isHexDigit),
                    let value = UInt16(part, radix: 16)
                else { return nil }
                groups.append(value)
            }
        }
        return groups
    }

    /// A decimal number of at most three digits, without sign or leading zeros, no greater than `max`.
    private static func decimal(_ text: Substring, max: Int) -> Int? {
        guard (1...3).contains(text.utf8.count), text.utf8.allSatisfy(Syntax.isDigit),
            text == "0" || !text.hasPrefix("0"), let value = Int(text), value <= max
        else { return nil }
        return value
    }
}
