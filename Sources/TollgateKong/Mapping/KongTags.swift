/// Tags the Kong engine keeps on Kong entities for its own bookkeeping.
///
/// Kong tags allow only letters, digits and `.-_~`, so a payload is written in
/// hexadecimal after `tollgate-<key>.`. User tags never start with ``prefix``;
/// records show only the user's tags.
enum KongTags {
    /// The prefix of every bookkeeping tag.
    static let prefix = "tollgate-"

    /// `tollgate-<key>.<hex of payload>`.
    static func tag(_ key: String, payload: String) -> String {
        "\(prefix)\(key)." + payload.utf8.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// The payload of the tag with `key` among `tags`, nil when absent or malformed.
    static func payload(_ key: String, in tags: [String]) -> String? {
        let start = "\(prefix)\(key)."
        guard let tag = tags.first(where: { $0.hasPrefix(start) }) else { return nil }
        let hex = Array(tag.dropFirst(start.count).utf8)
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: hex.count, by: 2) {
            guard let byte = UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `tags` without the tag of `key`.
    static func removing(_ key: String, from tags: [String]) -> [String] {
        tags.filter { !$0.hasPrefix("\(prefix)\(key).") }
    }

    /// The bookkeeping tags among `tags` (kept when a user replaces the entity).
    static func bookkeeping(_ tags: [String]) -> [String] {
        tags.filter { $0.hasPrefix(prefix) }
    }
}
