import TollgateProxy

extension ServeSettings {
    /// The TLS listener with its certificate and key loaded, or nil when it is off.
    /// An unusable file is a start-up error naming its flag.
    func tlsListener() throws -> TLSListener? {
        guard let proxyTLS else { return nil }
        do {
            return try TLSListener(
                host: proxyTLS.address.host, port: proxyTLS.address.port,
                certificateChainFile: proxyTLS.certificateFile, privateKeyFile: proxyTLS.keyFile)
        } catch {
            throw Self.startupError(error)
        }
    }

    /// How https services are verified: the system trust store, plus `--upstream-ca-file`.
    func upstreamTLS() throws -> UpstreamTLS {
        guard let upstreamCAFile else { return .systemTrustStore }
        do {
            return try UpstreamTLS(additionalCAFile: upstreamCAFile)
        } catch {
            throw Self.startupError(error)
        }
    }

    private static func startupError(_ error: PEMFileError) -> StartupError {
        let setting: Setting =
            switch error.role {
            case .certificateChain: .tlsCert
            case .privateKey: .tlsKey
            case .trustedCertificates: .upstreamCAFile
            }
        return StartupError("\(setting.flag): \(error)")
    }
}
