/// A route: which requests reach a service (Kong's traditional router attributes).
public struct RouteSpec: EntitySpec {
    /// The protocols a route accepts from clients.
    public enum ClientProtocol: String, Sendable, CaseIterable {
        case http, https
    }

    public var name: String
    /// Prefix paths, or regular expressions when they start with `~`.
    public var paths: [String]
    /// Exact hosts or one leading/trailing wildcard (`*.example.org`, `example.*`), optionally with a port.
    public var hosts: [String]
    public var methods: [String]
    /// Header name (lowercased) → accepted values.
    public var headers: [String: [String]]
    public var protocols: [ClientProtocol]
    public var stripPath: Bool
    public var preserveHost: Bool
    public var regexPriority: Int
    public var tags: [String]

    public init(
        name: String, paths: [String] = [], hosts: [String] = [], methods: [String] = [],
        headers: [String: [String]] = [:], protocols: [ClientProtocol] = [.http, .https], stripPath: Bool = true,
        preserveHost: Bool = false, regexPriority: Int = 0, tags: [String] = []
    ) {
        self.name = name
        self.paths = paths
        self.hosts = hosts
        self.methods = methods
        self.headers = headers
        self.protocols = protocols
        self.stripPath = stripPath
        self.preserveHost = preserveHost
        self.regexPriority = regexPriority
        self.tags = tags
    }

    public static func read(_ reader: ObjectReader) -> RouteSpec? {
        let name = reader.name()
        let paths = reader.strings("paths", default: [], check: checkPath)
        let hosts = reader.strings("hosts", default: [], check: checkHost)?.map { $0.lowercased() }
        let methods = reader.strings("methods", default: []) { method in
            method.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) && (1...32).contains(method.utf8.count)
                ? nil : "must be an uppercase HTTP method such as GET"
        }
        let headers = readHeaders(reader)
        let protocols = reader.elements("protocols", required: false, default: [.http, .https], expected: "'http' or 'https'") {
            _, value in value.stringValue.flatMap(ClientProtocol.init(rawValue:))
        }
        if protocols?.isEmpty == true { reader.fail("protocols", "must name at least one protocol") }
        let stripPath = reader.bool("strip_path", default: true)
        let preserveHost = reader.bool("preserve_host", default: false)
        let regexPriority = reader.int("regex_priority", in: -1_000_000...1_000_000, default: 0)
        let tags = reader.tags()
        guard let name, let paths, let hosts, let methods, let headers, let protocols, let stripPath, let preserveHost,
            let regexPriority, let tags
        else { return nil }
        if paths.isEmpty && hosts.isEmpty && methods.isEmpty && headers.isEmpty {
            reader.fail("paths", "at least one of paths, hosts, methods or headers is required")
            return nil
        }
        return RouteSpec(
            name: name, paths: paths, hosts: hosts, methods: methods, headers: headers,
            protocols: Array(Set(protocols)).sorted { $0.rawValue < $1.rawValue }, stripPath: stripPath,
            preserveHost: preserveHost, regexPriority: regexPriority, tags: tags)
    }

    private static func readHeaders(_ reader: ObjectReader) -> [String: [String]]? {
        guard let object = reader.raw("headers") else { return [:] }
        guard case .object(let members) = object else {
            reader.fail("headers", "must be an object of header name to array of values, got \(object.typeName)")
            return nil
        }
        var headers: [String: [String]] = [:]
        var valid = true
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let field = "\(reader.path(of: "headers")).\(key)"
            if let problem = Syntax.headerName(key) {
                reader.validator.fail(field, problem)
                valid = false
            } else if key.lowercased() == "host" {
                reader.validator.fail(field, "cannot be used: match hosts with the hosts field")
                valid = false
            }
            guard case .array(let items) = value, !items.isEmpty,
                let values = Optional(items.compactMap(\.stringValue)), values.count == items.count,
                values.allSatisfy({ !$0.isEmpty && Syntax.headerValue($0) == nil })
            else {
                reader.validator.fail(field, "must be a non-empty array of header values")
                valid = false
                continue
            }
            headers[key.lowercased(), default: []].append(contentsOf: values)
        }
        return valid ? headers : nil
    }

    /// A prefix path (`/orders`) or a regular expression (`~/orders/\d+$`) that compiles.
    static func checkPath(_ path: String) -> String? {
        if path.hasPrefix("~") {
            let pattern = String(path.dropFirst())
            guard pattern.hasPrefix("/") || pattern.hasPrefix("^/") else {
                return "must be a regular expression matching from / (e.g. ~/orders/\\d+$)"
            }
            guard (try? Regex(pattern)) != nil else { return "is not a valid regular expression" }
            return nil
        }
        return Syntax.uriPath(path)
    }

    /// A host with at most one wildcard, at the start (`*.example.org`) or the end (`example.*`).
    static func checkHost(_ host: String) -> String? {
        let message = "must be a host name with at most one wildcard label at its start or end, and an optional port"
        guard let (name, _) = HostPort.split(host[...].replacingWildcard(), defaultPort: 80) else { return message }
        let wildcards = host.filter { $0 == "*" }.count
        if wildcards == 0 { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard wildcards == 1, labels.count >= 2, host.hasPrefix("*.") || host.split(separator: ":")[0].hasSuffix(".*")
        else { return message }
        return nil
    }

    public var members: [String: JSONValue] {
        [
            "name": .string(name), "paths": JSONValue(paths), "hosts": JSONValue(hosts), "methods": JSONValue(methods),
            "headers": .object(headers.mapValues(JSONValue.init)),
            "protocols": JSONValue(protocols.map(\.rawValue)), "strip_path": .bool(stripPath),
            "preserve_host": .bool(preserveHost), "regex_priority": .int(regexPriority), "tags": JSONValue(tags),
        ]
    }
}

extension Substring {
    /// The host with a `*` wildcard label replaced by a plain label, for syntax checks.
    fileprivate func replacingWildcard() -> Substring {
        Substring(self.replacing("*", with: "wildcard"))
    }
}
