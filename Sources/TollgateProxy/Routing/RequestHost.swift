import TollgateCore

/// The host a request names, lowercased, with its port (the scheme's default when the
/// Host header has none); its bytes live in a buffer the caller provides for the
/// duration of one match.
struct RequestHost {
    /// The lowercased name, without port or IPv6 brackets.
    let name: UnsafeBufferPointer<UInt8>
    /// `name` reversed, for wildcard suffixes (`*.example.org`), when asked for.
    let reversedName: UnsafeBufferPointer<UInt8>?
    let port: Int

    /// Parses a Host header value into `buffer` (at least twice ``HostSplitter/maximumLength`` bytes).
    /// nil when the value is too long or malformed: such a request matches no route with hosts.
    /// - Parameter reversing: Whether to fill ``reversedName`` (only wildcard suffixes need it).
    init?(
        parsing host: String, scheme: RouteSpec.ClientProtocol, into buffer: UnsafeMutableBufferPointer<UInt8>,
        reversing: Bool
    ) {
        let length = host.utf8.count
        guard length > 0, length <= HostSplitter.maximumLength else { return nil }
        var host = host
        host.withUTF8 { bytes in
            for index in 0..<length { buffer[index] = ASCII.lowercased(bytes[index]) }
        }
        guard let (range, port) = HostSplitter.split(UnsafeBufferPointer(rebasing: buffer[0..<length])) else {
            return nil
        }
        name = UnsafeBufferPointer(rebasing: buffer[range])
        reversedName = reversing ? Self.reverse(name, into: buffer[HostSplitter.maximumLength...]) : nil
        self.port = port ?? scheme.defaultPort
    }

    /// Writes `name` backwards at the start of `buffer` and returns that copy.
    private static func reverse(
        _ name: UnsafeBufferPointer<UInt8>, into buffer: Slice<UnsafeMutableBufferPointer<UInt8>>
    ) -> UnsafeBufferPointer<UInt8> {
        let reversed = UnsafeMutableBufferPointer(rebasing: buffer.prefix(name.count))
        guard var source = name.baseAddress, var target = reversed.baseAddress else {
            return UnsafeBufferPointer(reversed)
        }
        target += name.count
        for _ in 0..<name.count {
            target -= 1
            target.pointee = source.pointee
            source += 1
        }
        return UnsafeBufferPointer(reversed)
    }
}

extension RouteSpec.ClientProtocol {
    /// 80 for http, 443 for https.
    var defaultPort: Int {
        switch self {
        case .http: 80
        case .https: 443
        }
    }
}
