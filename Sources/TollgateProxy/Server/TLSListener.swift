import NIOSSL

/// The proxy's optional TLS listener: where it listens and the certificate it
/// presents. Clients there are `https` clients: they match routes whose
/// `protocols` include `https`, and get `X-Forwarded-Proto: https` and `Secure`
/// sticky cookies.
public struct TLSListener: Sendable {
    public let host: String
    public let port: Int
    /// Built once from the PEM files and shared by every connection.
    let context: NIOSSLContext

    /// Loads the certificate chain and private key, and checks that they belong
    /// together. Reads the files: call it at start-up.
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The port to bind (0 picks a free one).
    ///   - certificateChainFile: PEM file with the server certificate first, then its intermediates.
    ///   - privateKeyFile: PEM file with the certificate's unencrypted private key.
    public init(host: String, port: Int, certificateChainFile: String, privateKeyFile: String) throws(PEMFileError) {
        let chain = try PEMFile.certificates(at: certificateChainFile, role: .certificateChain)
        let key = try PEMFile.privateKey(at: privateKeyFile)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.applicationProtocols = ["http/1.1"]
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw PEMFileError(
                role: .privateKey, path: privateKeyFile,
                problem: "does not match the first certificate of \(certificateChainFile) (\(error))")
        }
        self.host = host
        self.port = port
    }
}
