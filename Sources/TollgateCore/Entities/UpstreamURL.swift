/// An `http`/`https` URL split into the parts a service (or a canary or mirror
/// destination) stores: protocol, host, port and path.
public struct UpstreamURL: Sendable, Hashable {
    /// The protocols Tollgate speaks to upstreams.
    public enum Scheme: String, Sendable, CaseIterable {
        case http, https

        /// The port used when a URL names none.
        public var defaultPort: Int { self == .http ? 80 : 443 }
    }

    public var scheme: Scheme
    /// Host name or IP address; IPv6 without brackets.
    public var host: String
    public var port: Int
    /// Path prefix, nil when the URL has none.
    public var path: String?

    public init(scheme: Scheme, host: String, port: Int, path: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `http[s]://host[:port][/path]`; returns an error message for anything else.
    public static func parse(_ text: String) -> Result<UpstreamURL, URLError> {
        let schemes: [(String, Scheme)] = [("http://", .http), ("https://", .https)]
        guard let (prefix, scheme) = schemes.first(where: { text.lowercased().hasPrefix($0.0) }) else {
            return .failure(URLError("must be an http:// or https:// URL"))
        }
        let rest = text.dropFirst(prefix.count)
        if rest.contains("?") || rest.contains("#") {
            return .failure(URLError("must not have a query or a fragment"))
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = authorityEnd == rest.endIndex ? nil : String(rest[authorityEnd...])
        if authority.contains("@") { return .failure(URLError("must not carry credentials")) }
        guard let (host, port) = HostPort.split(authority, defaultPort: scheme.defaultPort) else {
            return .failure(URLError("must name a valid host and port"))
        }
        if let path, let problem = Syntax.uriPath(path) { return .failure(URLError("path \(problem)")) }
        return .success(UpstreamURL(scheme: scheme, host: host, port: port, path: path))
    }

    /// The URL written back: `https://host:port/path`.
    public var text: String {
        "\(scheme.rawValue)://\(HostPort.join(host, port))\(path ?? "")"
    }

    /// Why a URL was refused.
    public struct URLError: Error, Sendable {
        public let message: String
        init(_ message: String) { self.message = message }
    }
}

extension ObjectReader {
    /// Reads an optional `http[s]://` URL.
    public func url(_ key: String, required: Bool = false) -> UpstreamURL? {
        guard let text = string(key, required: required) else { return nil }
        switch UpstreamURL.parse(text) {
        case .success(let url): return url
        case .failure(let error):
            fail(key, error.message)
            return nil
        }
    }
}

/// Splitting and joining `host:port`, with IPv6 hosts in brackets.
public enum HostPort {
    /// Splits `host[:port]` or `[v6][:port]`; nil when the host or port is invalid.
    public static func split(_ text: Substring, defaultPort: Int) -> (host: String, port: Int)? {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
            guard Syntax.isIPv6(String(host)) else { return nil }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
        }
        let port: Int
        if let portText {
            guard portText.count <= 5, portText.allSatisfy(\.isASCII), let number = Int(portText),
                Syntax.ports.contains(number)
            else { return nil }
            port = number
        } else {
            port = defaultPort
        }
        guard Syntax.host(String(host)) == nil else { return nil }
        return (host.lowercased(), port)
    }

    /// Joins host and port, bracketing an IPv6 host.
    public static func join(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
