import TollgateCore

extension RateLimitPolicy {
    /// The policy of a stored `rate-limiting` configuration: `second` … `day` and `algorithm`.
    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        var limits: [RateLimitWindows.Window: Int] = [:]
        for window in RateLimitWindows.Window.allCases {
            limits[window] = try config.optionalInt(window.rawValue)
        }
        let algorithm = try config.string("algorithm")
        guard let algorithm = RateLimitWindows.Algorithm(rawValue: algorithm), !limits.isEmpty else {
            throw StoredConfigError(
                plugin: config.plugin, field: "\(config.path).\(limits.isEmpty ? "minute" : "algorithm")",
                expected: limits.isEmpty ? "at least one window limit" : "sliding_window, fixed_window or token_bucket")
        }
        self.init(windows: RateLimitWindows(limits: limits), algorithm: algorithm)
    }
}
