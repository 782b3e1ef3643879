import NIOSSL

/// How the proxy speaks TLS to https upstreams: certificate and hostname
/// verification on (against the system trust store, plus extra CAs when given),
/// ALPN `http/1.1`, SNI from the address's ``UpstreamAddress/serverName``.
///
/// Holds one `NIOSSLContext` for every upstream connection of every event loop:
/// building one parses the whole trust store (blocking I/O), so it is built once,
/// at start-up, never per connection.
public struct UpstreamTLS: Sendable {
    /// Why https upstreams cannot be reached: the context could not be built.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The shared context, or why none could be built.
    private let context: Result<NIOSSLContext, Unavailable>

    /// Verification against the system trust store; built once per process, on first use.
    public static let systemTrustStore = UpstreamTLS(additionalCertificates: [])

    /// Trusts the CA certificates of a PEM file besides the system trust store
    /// (upstreams with a private CA). Reads the file: call it at start-up.
    /// - Parameter path: A PEM file with one or more CA certificates.
    public init(additionalCAFile path: String) throws(PEMFileError) {
        self.init(additionalCertificates: try PEMFile.certificates(at: path, role: .trustedCertificates))
    }

    private init(additionalCertificates: [NIOSSLCertificate]) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.applicationProtocols = ["http/1.1"]
        if !additionalCertificates.isEmpty {
            configuration.additionalTrustRoots = [.certificates(additionalCertificates)]
        }
        context = Result { try NIOSSLContext(configuration: configuration) }.mapError { error in
            Unavailable(
                description: "https upstreams cannot be verified: the trust store did not load (\(error)); "
                    + "install the system CA certificates (ca-certificates)")
        }
    }

    /// Why https upstreams cannot be reached, or nil when they can.
    var unavailableReason: String? {
        if case .failure(let reason) = context { reason.description } else { nil }
    }

    /// A TLS client handler for one new connection to `address`.
    func makeClientHandler(for address: UpstreamAddress) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context.get(), serverHostname: address.serverName)
    }
}
