import NIOHTTP1

/// Finds the client's address: the connection's peer, or, when the peer is a
/// trusted proxy, the `X-Forwarded-For` entry added by the last trusted proxy.
///
/// Entries are read from the right (the one the peer added) while they are trusted
/// proxies themselves; the first untrusted entry is the client. Entries before it
/// were written by the client and are never believed.
struct ClientAddressResolver: Sendable {
    let trustedProxies: IPBlockList

    /// The client's address; nil when it cannot be told (the peer's address or the
    /// deciding `X-Forwarded-For` entry is not an IP address).
    func clientAddress(peer: String, headers: HTTPHeaders) -> IPAddressValue? {
        guard var client = IPAddressValue(peer[...]) else { return nil }
        guard !trustedProxies.isEmpty, trustedProxies.contains(client) else { return client }
        for entry in headers[canonicalForm: "x-forwarded-for"].reversed() {
            guard let hop = Self.address(inForwardedEntry: entry) else { return nil }
            client = hop
            if !trustedProxies.contains(hop) { return hop }
        }
        return client
    }

    /// The address of one `X-Forwarded-For` entry: `192.0.2.7`, `192.0.2.7:5000`,
    /// `2001:db8::1` or `[2001:db8::1]:5000`.
    static func address(inForwardedEntry entry: Substring) -> IPAddressValue? {
        if entry.first == "[" {
            guard let close = entry.firstIndex(of: "]") else { return nil }
            return IPAddressValue(entry[entry.index(after: entry.startIndex)..<close])
        }
        if let colon = entry.firstIndex(of: ":"), entry.lastIndex(of: ":") == colon {
            return IPAddressValue(entry[..<colon])
        }
        return IPAddressValue(entry)
    }
}
