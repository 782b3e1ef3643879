import Foundation
import TollgateAdmin
import TollgateCore

/// What `serve` prints on standard output once the management API listens:
/// where it is, and on a first start an admin token with a curl example.
struct StartupBanner: Sendable {
    let engine: String
    let adminHost: String
    let proxyHost: String?
    let proxyTLSHost: String?
    let store: String
    let firstStartToken: String?

    init(settings: ServeSettings, firstStartToken: String?) {
        engine = settings.engine.rawValue
        adminHost = settings.adminAddress.host
        proxyHost = settings.engine == .embedded ? settings.proxyAddress.host : nil
        proxyTLSHost = settings.engine == .embedded ? settings.proxyTLS?.address.host : nil
        switch (settings.engine, settings.store) {
        case (.kong, _): store = "Kong at \(settings.kongAdminURL)"
        case (.embedded, .sqlite(let path)): store = "sqlite:\(path)"
        case (.embedded, .postgres(let url)): store = url
        }
        self.firstStartToken = firstStartToken
    }

    func print(adminPort: Int?, proxyPort: Int?, proxyTLSPort: Int?) {
        let base = "http://\(HostPort.join(adminHost, adminPort ?? 0))\(AdminAPI.basePath)"
        var lines = [
            "Tollgate \(TollgateVersion.current) (\(engine) engine)",
            "  management API: \(base)",
        ]
        if let proxyHost, let proxyPort {
            lines.append("  proxy:          http://\(HostPort.join(proxyHost, proxyPort))")
        }
        if let proxyTLSHost, let proxyTLSPort {
            lines.append("  proxy (TLS):    https://\(HostPort.join(proxyTLSHost, proxyTLSPort))")
        }
        lines.append("  configuration:  \(store)")
        if let token = firstStartToken {
            lines += [
                "", "First start: an admin token, valid for one hour:", "", token, "",
                "Try it:", "  curl -H \"Authorization: Bearer \(token)\" \(base)/services", "",
                "Mint another with: tollgate token --role ADMIN --ttl 1h",
            ]
        } else {
            lines.append("  admin token:    tollgate token --role ADMIN --ttl 1h")
        }
        // Written straight to the descriptor: `print` would sit in a buffer when stdout is a pipe.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
