/// A service: the upstream API that routes send traffic to (Kong's service).
public struct ServiceSpec: EntitySpec {
    public var name: String
    public var scheme: UpstreamURL.Scheme
    /// A host name, an IP address, or the name of an upstream to balance over.
    public var host: String
    public var port: Int
    public var path: String?
    public var retries: Int
    public var connectTimeoutMs: Int
    public var writeTimeoutMs: Int
    public var readTimeoutMs: Int
    public var tags: [String]

    /// Accepted timeout values in milliseconds.
    public static let timeouts = 1...2_147_483_646

    public init(
        name: String, scheme: UpstreamURL.Scheme = .http, host: String, port: Int = 80, path: String? = nil,
        retries: Int = 5, connectTimeoutMs: Int = 60000, writeTimeoutMs: Int = 60000, readTimeoutMs: Int = 60000,
        tags: [String] = []
    ) {
        self.name = name
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.retries = retries
        self.connectTimeoutMs = connectTimeoutMs
        self.writeTimeoutMs = writeTimeoutMs
        self.readTimeoutMs = readTimeoutMs
        self.tags = tags
    }

    public static func read(_ reader: ObjectReader) -> ServiceSpec? {
        let name = reader.name()
        let parts = ["protocol", "host", "port", "path"]
        var destination: UpstreamURL?
        if reader.has("url") {
            for part in parts where reader.has(part) {
                reader.fail(part, "cannot be given together with url")
            }
            destination = reader.url("url")
            parts.forEach { _ = reader.raw($0) }
        } else {
            _ = reader.raw("url")
            let scheme = reader.choice("protocol", default: UpstreamURL.Scheme.http)
            let host = reader.string("host", required: true, check: Syntax.host)
            let port = reader.int("port", in: Syntax.ports, default: scheme?.defaultPort ?? 80)
            let path = reader.string("path", check: Syntax.uriPath)
            if let scheme, let host, let port {
                destination = UpstreamURL(scheme: scheme, host: host.lowercased(), port: port, path: path)
            }
        }
        let retries = reader.int("retries", in: 0...32767, default: 5)
        let connect = reader.int("connect_timeout_ms", in: timeouts, default: 60000)
        let write = reader.int("write_timeout_ms", in: timeouts, default: 60000)
        let read = reader.int("read_timeout_ms", in: timeouts, default: 60000)
        let tags = reader.tags()
        guard let name, let destination, let retries, let connect, let write, let read, let tags else { return nil }
        return ServiceSpec(
            name: name, scheme: destination.scheme, host: destination.host, port: destination.port,
            path: destination.path, retries: retries, connectTimeoutMs: connect, writeTimeoutMs: write,
            readTimeoutMs: read, tags: tags)
    }

    public var members: [String: JSONValue] {
        [
            "name": .string(name), "protocol": .string(scheme.rawValue), "host": .string(host), "port": .int(port),
            "path": JSONValue(path), "retries": .int(retries), "connect_timeout_ms": .int(connectTimeoutMs),
            "write_timeout_ms": .int(writeTimeoutMs), "read_timeout_ms": .int(readTimeoutMs),
            "tags": JSONValue(tags),
        ]
    }
}
