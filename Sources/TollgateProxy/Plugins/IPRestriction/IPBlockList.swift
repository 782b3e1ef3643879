import TollgateCore

/// A list of addresses and CIDR blocks, tested in order.
struct IPBlockList: Sendable {
    private let blocks: [IPBlock]

    /// Reads the list stored under `key` (strings the schema checked with ``IPNetwork``).
    init(_ config: StoredPluginConfig, key: String) throws(StoredConfigError) {
        var blocks: [IPBlock] = []
        for entry in try config.strings(key) {
            guard let block = IPNetwork.parse(entry) else {
                throw StoredConfigError(
                    plugin: config.plugin, field: "\(config.path).\(key)", expected: "IP addresses or CIDR blocks")
            }
            blocks.append(IPBlock(block))
        }
        self.blocks = blocks
    }

    var isEmpty: Bool { blocks.isEmpty }

    func contains(_ address: IPAddressValue) -> Bool {
        blocks.contains { $0.contains(address) }
    }
}
