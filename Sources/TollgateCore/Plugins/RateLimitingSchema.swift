/// `rate-limiting`: caps requests per window, counted per client IP, header
/// value, service, route or tenant.
public enum RateLimitingSchema: PluginSchema {
    public static let name = "rate-limiting"

    /// What a counter is kept for.
    public enum LimitBy: String, CaseIterable, Sendable {
        case ip, header, service, route, tenant
    }

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let windows = RateLimitWindows.read(config)
        let limitBy = config.choice("limit_by", default: LimitBy.ip)
        let headerName = config.string("header_name", check: Syntax.headerName)
        if limitBy == .header && !config.has("header_name") {
            config.fail("header_name", "is required when limit_by is 'header'")
        }
        let algorithm = config.choice("algorithm", default: RateLimitWindows.Algorithm.slidingWindow)
        guard let windows, let limitBy, let algorithm, limitBy != .header || headerName != nil else { return nil }
        return .object(
            windows.members.merging([
                "limit_by": .string(limitBy.rawValue), "header_name": JSONValue(headerName),
                "algorithm": .string(algorithm.rawValue),
            ]) { _, plugin in plugin })
    }
}
