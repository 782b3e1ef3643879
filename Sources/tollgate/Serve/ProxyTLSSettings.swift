/// `--proxy-tls-listen` with its `--tls-cert` and `--tls-key`: all three or none.
struct ProxyTLSSettings {
    let address: ListenAddress
    let certificateFile: String
    let keyFile: String

    /// Nil when none of the three is set; a usage error when only some are.
    init?(_ command: ServeCommand) throws {
        let listen = Setting.proxyTLSListen.resolve(command.proxyTLSListen)
        let certificate = Setting.tlsCert.resolve(command.tlsCert)
        let key = Setting.tlsKey.resolve(command.tlsKey)
        guard let listen else {
            if certificate != nil || key != nil {
                throw UsageError("--tls-cert and --tls-key are for the TLS listener: add --proxy-tls-listen host:port")
            }
            return nil
        }
        guard let certificate, let key else {
            let missing = [certificate == nil ? "--tls-cert" : nil, key == nil ? "--tls-key" : nil].compactMap { $0 }
            throw UsageError("--proxy-tls-listen needs \(missing.joined(separator: " and ")) (PEM files)")
        }
        address = try ListenAddress(parsing: listen, setting: .proxyTLSListen)
        certificateFile = certificate
        keyFile = key
    }
}
