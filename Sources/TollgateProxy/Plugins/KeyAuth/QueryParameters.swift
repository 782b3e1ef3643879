/// Reads and removes query parameters of a request target, byte by byte, without
/// building a dictionary of the whole query.
///
/// Names match exactly (case-sensitive, as query parameters are); values are
/// percent-decoded (`+` is kept as is: API keys never contain spaces).
enum QueryParameters {
    /// Every value of parameter `name` in `target` (`/path?a=1&b=2`), in order.
    static func values(named name: String, in target: String) -> [String] {
        guard let query = query(of: target) else { return [] }
        return query.split(separator: UInt8(ascii: "&")).compactMap { pair in
            let (pairName, value) = split(pair)
            return pairName.elementsEqual(name.utf8) ? percentDecoded(value) : nil
        }
    }

    /// `target` without any parameter named `name` (and without `?` when none is left).
    static func removing(named name: String, from target: String) -> String {
        guard let query = query(of: target) else { return target }
        let kept = query.split(separator: UInt8(ascii: "&")).filter { !split($0).name.elementsEqual(name.utf8) }
        let path = target.utf8.prefix(upTo: query.startIndex).dropLast()
        guard !kept.isEmpty else { return String(decoding: path, as: UTF8.self) }
        return String(decoding: path, as: UTF8.self) + "?" + kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "&")
    }

    private static func query(of target: String) -> Substring.UTF8View? {
        let utf8 = target.utf8
        guard let mark = utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return Substring(target)[target.index(after: mark)...].utf8
    }

    private static func split(_ pair: Substring.UTF8View.SubSequence) -> (name: Substring.UTF8View.SubSequence, value: Substring.UTF8View.SubSequence) {
        guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { return (pair, pair[pair.endIndex...]) }
        return (pair[..<equals], pair[pair.index(after: equals)...])
    }

    /// `%XX` decoded; nil when an escape is malformed.
    private static func percentDecoded(_ value: Substring.UTF8View.SubSequence) -> String? {
        guard value.contains(UInt8(ascii: "%")) else { return String(decoding: value, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index = value.index(after: index)
                continue
            }
            let high = value.index(after: index)
            guard high < value.endIndex, value.index(after: high) < value.endIndex,
                let highValue = ASCII.hexValue(value[high]), let lowValue = ASCII.hexValue(value[value.index(after: high)])
            else { return nil }
            bytes.append(highValue << 4 | lowValue)
            index = value.index(high, offsetBy: 2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
