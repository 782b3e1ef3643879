/// A per-tenant rate limit.
public struct TenantRateLimitSpec: EntitySpec {
    /// Where counters live.
    public enum Policy: String, Sendable, CaseIterable {
        /// Per node.
        case local
        /// Shared across nodes (PostgreSQL store only).
        case cluster
    }

    public var windows: RateLimitWindows
    public var algorithm: RateLimitWindows.Algorithm
    public var policy: Policy
    /// The service the limit applies to, or nil for all of the tenant's traffic.
    public var service: String?
    public var tags: [String]

    public init(
        windows: RateLimitWindows, algorithm: RateLimitWindows.Algorithm = .slidingWindow, policy: Policy = .local,
        service: String? = nil, tags: [String] = []
    ) {
        self.windows = windows
        self.algorithm = algorithm
        self.policy = policy
        self.service = service
        self.tags = tags
    }

    public static func read(_ reader: ObjectReader) -> TenantRateLimitSpec? {
        let windows = RateLimitWindows.read(reader)
        let algorithm = reader.choice("algorithm", default: RateLimitWindows.Algorithm.slidingWindow)
        let policy = reader.choice("policy", default: Policy.local)
        let service = reader.string("service", check: Syntax.name)
        let tags = reader.tags()
        guard let windows, let algorithm, let policy, let tags else { return nil }
        if reader.has("service") && service == nil { return nil }
        return TenantRateLimitSpec(windows: windows, algorithm: algorithm, policy: policy, service: service, tags: tags)
    }

    public var members: [String: JSONValue] {
        windows.members.merging([
            "algorithm": .string(algorithm.rawValue), "policy": .string(policy.rawValue),
            "service": JSONValue(service), "tags": JSONValue(tags),
        ]) { _, new in new }
    }
}
