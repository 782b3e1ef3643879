/// Splits `name[:port]` or `[v6][:port]`, for request Host headers and route hosts alike.
enum HostSplitter {
    /// Longest host (name and port) the router looks at; longer Host headers match no host.
    static let maximumLength = 262

    /// The range of the name (without brackets) and the port when one is given; nil when
    /// the brackets or the port are malformed or the name is empty. A name with several
    /// colons and no brackets is taken whole, without a port.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: Range<Int>, port: Int?)? {
        var name = 0..<bytes.count
        var portStart: Int?
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            name = 1..<close
            if close + 1 < bytes.count {
                guard bytes[close + 1] == ASCII.colon else { return nil }
                portStart = close + 2
            }
        } else if let colon = singleColon(in: bytes), bytes[(colon + 1)...].allSatisfy(ASCII.isDigit) {
            name = 0..<colon
            portStart = colon + 1
        }
        guard !name.isEmpty else { return nil }
        guard let portStart, portStart < bytes.count else { return (name, nil) }
        guard let port = parsePort(bytes[portStart...]) else { return nil }
        return (name, port)
    }

    /// The position of the only colon in `bytes`; nil when there is none or more than one.
    private static func singleColon(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var found: Int?
        for index in bytes.indices where bytes[index] == ASCII.colon {
            guard found == nil else { return nil }
            found = index
        }
        return found
    }

    private static func parsePort(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard (1...5).contains(digits.count) else { return nil }
        var port = 0
        for digit in digits {
            guard ASCII.isDigit(digit) else { return nil }
            port = port * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return (1...65535).contains(port) ? port : nil
    }
}
