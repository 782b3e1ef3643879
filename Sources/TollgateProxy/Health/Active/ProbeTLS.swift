import NIOSSL

/// TLS for `https` probes: verified like proxied traffic, or — with
/// `https_verify_certificate: false` — accepting any certificate.
enum ProbeTLS {
    /// A context that checks no certificate; built once, on first use.
    private static let unverified = Result { () throws -> NIOSSLContext in
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: configuration)
    }

    /// A TLS client handler for one probe connection to `address`.
    static func handler(for address: UpstreamAddress, verify: Bool, trusted: UpstreamTLS) throws -> NIOSSLClientHandler {
        guard !verify else { return try trusted.makeClientHandler(for: address) }
        return try NIOSSLClientHandler(context: unverified.get(), serverHostname: address.serverName)
    }
}
