import TollgateCore

/// One address or CIDR block, as a mask and the masked network bits.
struct IPBlock: Sendable {
    private let network: UInt128
    private let mask: UInt128

    init(_ block: IPNetwork) {
        // IPv4 blocks live in the IPv4-mapped range: their prefix follows its 96 fixed bits.
        let length = block.address.count == 4 ? 96 + block.prefixLength : block.prefixLength
        mask = ~UInt128(0) << (128 - length)
        network = IPAddressValue(bytes: block.address).bits & mask
    }

    func contains(_ address: IPAddressValue) -> Bool {
        address.bits & mask == network
    }
}
