/// Where an upstream connection goes: host, port and whether it speaks TLS.
/// The upstream connection pool keys its idle connections by this.
public struct UpstreamAddress: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let tls: Bool
    /// `Host` header value for this address (`host` or `host:port` when the port is not the scheme's default).
    public let hostHeader: String

    public init(host: String, port: Int, tls: Bool) {
        self.host = host
        self.port = port
        self.tls = tls
        let bracketed = host.contains(":") ? "[\(host)]" : host
        self.hostHeader = port == (tls ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
