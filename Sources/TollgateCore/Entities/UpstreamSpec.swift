/// An upstream: a virtual host balanced over weighted targets.
public struct UpstreamSpec: EntitySpec {
    /// How a target is chosen.
    public enum Algorithm: String, Sendable, CaseIterable {
        case roundRobin = "round-robin"
        case consistentHashing = "consistent-hashing"
        case leastConnections = "least-connections"
    }

    /// What consistent hashing hashes.
    public enum HashOn: String, Sendable, CaseIterable {
        case none, header, cookie, ip
    }

    /// The name no upstream may take: it would shadow the preset endpoints.
    public static let reservedName = "preset"

    public var name: String
    public var algorithm: Algorithm
    public var hashOn: HashOn
    public var hashOnHeader: String?
    public var hashOnCookie: String?
    public var hashOnCookiePath: String
    public var healthchecks: Healthchecks
    public var tags: [String]

    public init(
        name: String, algorithm: Algorithm = .roundRobin, hashOn: HashOn = .none, hashOnHeader: String? = nil,
        hashOnCookie: String? = nil, hashOnCookiePath: String = "/", healthchecks: Healthchecks = Healthchecks(),
        tags: [String] = []
    ) {
        self.name = name
        self.algorithm = algorithm
        self.hashOn = hashOn
        self.hashOnHeader = hashOnHeader
        self.hashOnCookie = hashOnCookie
        self.hashOnCookiePath = hashOnCookiePath
        self.healthchecks = healthchecks
        self.tags = tags
    }

    public static func read(_ reader: ObjectReader) -> UpstreamSpec? {
        let name = reader.string("name", required: true) { name in
            Syntax.name(name) ?? (name == reservedName ? "'\(reservedName)' is reserved for the preset endpoints" : nil)
        }
        let hashOn = reader.choice("hash_on", default: HashOn.none)
        let algorithm = reader.choice(
            "algorithm", default: hashOn == nil || hashOn == HashOn.none ? Algorithm.roundRobin : .consistentHashing)
        let header = reader.string("hash_on_header", check: Syntax.headerName)
        let cookie = reader.string("hash_on_cookie", check: cookieName)
        let cookiePath = reader.string("hash_on_cookie_path", default: "/", check: Syntax.uriPath)
        let healthchecks = Healthchecks.read(reader.object("healthchecks"))
        let tags = reader.tags()
        guard let name, let algorithm, let hashOn, let cookiePath, let healthchecks, let tags else { return nil }
        var spec = UpstreamSpec(
            name: name, algorithm: algorithm, hashOn: hashOn, hashOnHeader: header, hashOnCookie: cookie,
            hashOnCookiePath: cookiePath, healthchecks: healthchecks, tags: tags)
        return spec.checkHashing(reader) ? spec : nil
    }

    /// Checks that the hashing fields agree with each other; records errors on `reader`.
    mutating func checkHashing(_ reader: ObjectReader) -> Bool {
        var valid = true
        if hashOn != .none && algorithm != .consistentHashing {
            reader.fail("hash_on", "requires algorithm 'consistent-hashing'")
            valid = false
        }
        if hashOn == .header && hashOnHeader == nil {
            reader.fail("hash_on_header", "is required when hash_on is 'header'")
            valid = false
        }
        if hashOn == .cookie && hashOnCookie == nil {
            reader.fail("hash_on_cookie", "is required when hash_on is 'cookie'")
            valid = false
        }
        if hashOn != .header && reader.has("hash_on_header") {
            reader.fail("hash_on_header", "is only used when hash_on is 'header'")
            valid = false
        }
        if hashOn != .cookie && reader.has("hash_on_cookie") {
            reader.fail("hash_on_cookie", "is only used when hash_on is 'cookie'")
            valid = false
        }
        return valid
    }

    /// A cookie name (RFC 6265 token).
    public static func cookieName(_ text: String) -> String? {
        Syntax.headerName(text) == nil ? nil : "must be a valid cookie name"
    }

    public var members: [String: JSONValue] {
        [
            "name": .string(name), "algorithm": .string(algorithm.rawValue), "hash_on": .string(hashOn.rawValue),
            "hash_on_header": JSONValue(hashOnHeader), "hash_on_cookie": JSONValue(hashOnCookie),
            "hash_on_cookie_path": .string(hashOnCookiePath), "healthchecks": healthchecks.json,
            "tags": JSONValue(tags),
        ]
    }
}

/// The body of `POST /upstreams`: the upstream and, when given, its new target list.
public struct UpstreamUpsert: Sendable, Hashable {
    public var spec: UpstreamSpec
    /// Replaces the target list when not nil.
    public var targets: [TargetSpec]?

    public init(spec: UpstreamSpec, targets: [TargetSpec]?) {
        self.spec = spec
        self.targets = targets
    }

    /// Parses and validates a `POST /upstreams` body.
    public static func parse(_ body: JSONValue) throws(GatewayError) -> UpstreamUpsert {
        try Validator.parse(body) { reader in
            let targets = TargetSpec.readList(reader, key: "targets")
            guard let spec = UpstreamSpec.read(reader) else { return nil }
            if reader.has("targets") && targets == nil { return nil }
            return UpstreamUpsert(spec: spec, targets: targets)
        }
    }
}
