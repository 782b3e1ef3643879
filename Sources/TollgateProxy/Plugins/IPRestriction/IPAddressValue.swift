import TollgateCore

/// An IPv4 or IPv6 address as one 128-bit number.
///
/// IPv4 addresses take their IPv4-mapped IPv6 form (`::ffff:a.b.c.d`), so one
/// comparison serves both families, and a mapped address (what a dual-stack
/// listener reports for an IPv4 client) matches IPv4 blocks.
struct IPAddressValue: Hashable, Sendable {
    let bits: UInt128

    /// Parses an address written as ``IPNetwork`` reads it; nil when malformed.
    init?(_ text: Substring) {
        guard let bytes = IPNetwork.parseAddress(text) else { return nil }
        self.init(bytes: bytes)
    }

    /// - Parameter bytes: 4 (IPv4) or 16 (IPv6) bytes, network order.
    init(bytes: [UInt8]) {
        var bits: UInt128 = bytes.count == 4 ? 0xFFFF : 0
        for byte in bytes { bits = bits << 8 | UInt128(byte) }
        self.bits = bits
    }
}
