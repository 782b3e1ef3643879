import TollgateCore

/// A `host:port` to listen on (`[::1]:8081` for IPv6).
struct ListenAddress: Equatable, CustomStringConvertible {
    let host: String
    let port: Int

    /// Parses `host:port`; port 0 picks a free port.
    init(parsing text: String, setting: Setting) throws {
        guard text.contains(":"),
            let (host, port) = HostPort.split(text[...], defaultPort: -1) ?? Self.splitPortZero(text), port >= 0
        else {
            throw UsageError("\(setting.flag) must be host:port (e.g. 127.0.0.1:8081), got '\(text)'")
        }
        self.host = host
        self.port = port
    }

    /// `HostPort` accepts ports 1…65535; listening also accepts 0 (any free port).
    private static func splitPortZero(_ text: String) -> (String, Int)? {
        guard text.hasSuffix(":0"), let (host, _) = HostPort.split(text.dropLast(2)[...], defaultPort: 1) else {
            return nil
        }
        return (host, 0)
    }

    var description: String { HostPort.join(host, port) }
}
