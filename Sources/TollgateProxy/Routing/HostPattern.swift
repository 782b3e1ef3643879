#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One entry of a route's `hosts`: an exact name or a wildcard, with an optional port.
///
/// - `example.org` matches that name on any port; `example.org:8080` only on port
///   8080 (explicit, or the scheme's default when the Host header has no port).
/// - `*.example.org` matches any name ending in `.example.org` with at least one
///   character before it (`a.example.org`, `a.b.example.org`, not `example.org`).
/// - `example.*` matches any name starting with `example.` with at least one
///   character after it (`example.com`, `example.co.uk`).
///
/// Names compare case-insensitively (both sides are lowercased).
struct HostPattern: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case exact
        /// `*.suffix`: `key` is the suffix with its leading dot.
        case anySubdomain
        /// `prefix.*`: `key` is the prefix with its trailing dot.
        case anyTopLevel
    }

    let kind: Kind
    /// The lowercased bytes to compare: the name, or the wildcard's fixed part with its dot.
    let key: [UInt8]
    let port: Int?

    var isWildcard: Bool { kind != .exact }

    /// nil when `host` is not a valid route host (the validator refuses those).
    init?(_ host: String) {
        let bytes = ASCII.lowercasedBytes(host)
        guard let (range, port) = bytes.withUnsafeBufferPointer(HostSplitter.split) else { return nil }
        let name = bytes[range]
        self.port = port
        if name.starts(with: "*.".utf8), name.count > 2 {
            kind = .anySubdomain
            key = Array(name.dropFirst())
        } else if name.reversed().starts(with: "*.".utf8), name.count > 2 {
            kind = .anyTopLevel
            key = Array(name.dropLast())
        } else if name.contains(UInt8(ascii: "*")) {
            return nil
        } else {
            kind = .exact
            key = Array(name)
        }
    }

    func matches(_ host: RequestHost) -> Bool {
        if let port, port != host.port { return false }
        let name = host.name
        switch kind {
        case .exact:
            return name.count == key.count && name.hasBytes(key, at: 0)
        case .anySubdomain:
            return name.count > key.count && name.hasBytes(key, at: name.count - key.count)
        case .anyTopLevel:
            return name.count > key.count && name.hasBytes(key, at: 0)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `bytes` occur at `offset` (which leaves room for them).
    fileprivate func hasBytes(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            guard let start = baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(start + offset, other, bytes.count) == 0
        }
    }
}
