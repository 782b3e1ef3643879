/// A load-balancing preset: one call that upserts an upstream with one algorithm
/// and may point a service at it.
public struct Preset: Sendable, Hashable {
    /// The preset endpoints, by their path segment.
    public enum Kind: String, Sendable, CaseIterable {
        case roundRobin = "round-robin"
        case weighted
        case stickyHeader = "sticky-header"
        case stickyCookie = "sticky-cookie"
        case leastConnections = "least-connections"
    }

    /// The cookie name used when `sticky-cookie` names none.
    public static let defaultCookie = "tollgate_sticky"

    /// The upstream the preset writes (targets included when given).
    public var upstream: UpstreamUpsert
    /// The service whose `host` is pointed at the upstream, if any.
    public var service: String?

    public init(upstream: UpstreamUpsert, service: String?) {
        self.upstream = upstream
        self.service = service
    }

    /// Parses and validates a preset body for `kind`.
    public static func parse(_ kind: Kind, _ body: JSONValue) throws(GatewayError) -> Preset {
        try Validator.parse(body) { reader in
            let name = reader.string("upstream", required: true) { name in
                Syntax.name(name) ?? (name == UpstreamSpec.reservedName ? "'preset' is reserved" : nil)
            }
            let service = reader.string("service", check: Syntax.name)
            let targets = TargetSpec.readList(
                reader, key: "targets", allowStrings: kind != .weighted, allowObjects: kind != .roundRobin)
            var spec = UpstreamSpec(name: name ?? "")
            switch kind {
            case .roundRobin, .weighted:
                spec.algorithm = .roundRobin
            case .leastConnections:
                spec.algorithm = .leastConnections
            case .stickyHeader:
                spec.algorithm = .consistentHashing
                spec.hashOn = .header
                spec.hashOnHeader = reader.string("header", required: true, check: Syntax.headerName)
            case .stickyCookie:
                spec.algorithm = .consistentHashing
                spec.hashOn = .cookie
                spec.hashOnCookie = reader.string("cookie", default: defaultCookie, check: UpstreamSpec.cookieName)
                spec.hashOnCookiePath = reader.string("cookie_path", default: "/", check: Syntax.uriPath) ?? "/"
            }
            guard name != nil, reader.validator.errors.isEmpty else { return nil }
            return Preset(upstream: UpstreamUpsert(spec: spec, targets: targets), service: service)
        }
    }
}
