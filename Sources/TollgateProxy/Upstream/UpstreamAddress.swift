import NIOCore

/// Where an upstream connection goes: host, port and whether it speaks TLS.
/// The upstream connection pool keys its idle connections by this (the TLS
/// server name included, as it follows from `host` and `tls`).
///
/// Equality and hashing use host, port and TLS only (the other properties follow from
/// them), and the hash is computed once: the pool looks an address up on every lease.
public struct UpstreamAddress: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let tls: Bool
    /// `Host` header value for this address (`host` or `host:port` when the port is not the scheme's default).
    public let hostHeader: String
    /// The name sent as SNI and checked against the upstream's certificate: `host` over
    /// TLS, nil for plain HTTP and for IP literals (their certificate is checked against the IP).
    public let serverName: String?
    private let identityHash: Int

    public init(host: String, port: Int, tls: Bool) {
        self.host = host
        self.port = port
        self.tls = tls
        let bracketed = host.contains(":") ? "[\(host)]" : host
        self.hostHeader = port == (tls ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
        let isIPLiteral = (try? SocketAddress(ipAddress: host, port: port)) != nil
        self.serverName = tls && !isIPLiteral ? host : nil
        var hasher = Hasher()
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(tls)
        self.identityHash = hasher.finalize()
    }

    public static func == (lhs: UpstreamAddress, rhs: UpstreamAddress) -> Bool {
        lhs.port == rhs.port && lhs.tls == rhs.tls && lhs.host == rhs.host
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identityHash)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
