/// Request limits per time window, shared by tenant limits and the `rate-limiting` plugin.
public struct RateLimitWindows: Sendable, Hashable {
    /// A limiting window and its length.
    public enum Window: String, Sendable, CaseIterable {
        case second, minute, hour, day

        /// The window's length in seconds.
        public var seconds: Int {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3600
            case .day: 86400
            }
        }
    }

    /// How requests are counted.
    public enum Algorithm: String, Sendable, CaseIterable {
        case slidingWindow = "sliding_window"
        case fixedWindow = "fixed_window"
        case tokenBucket = "token_bucket"
    }

    /// The limit of each window that has one.
    public var limits: [Window: Int]

    public init(limits: [Window: Int]) {
        self.limits = limits
    }

    /// Reads `second` … `day`: at least one, each no lower than the one of a shorter window.
    public static func read(_ reader: ObjectReader) -> RateLimitWindows? {
        var limits: [Window: Int] = [:]
        var valid = true
        for window in Window.allCases {
            if reader.has(window.rawValue) {
                if let limit = reader.int(window.rawValue, in: 1...Int(Int32.max)) {
                    limits[window] = limit
                } else {
                    valid = false
                }
            } else {
                _ = reader.raw(window.rawValue)
            }
        }
        guard valid else { return nil }
        guard !limits.isEmpty else {
            reader.fail("minute", "at least one of second, minute, hour or day is required")
            return nil
        }
        let ordered = Window.allCases.compactMap { window in limits[window].map { (window, $0) } }
        for (shorter, longer) in zip(ordered, ordered.dropFirst()) where longer.1 < shorter.1 {
            reader.fail(longer.0.rawValue, "cannot be lower than the limit for \(shorter.0.rawValue) (\(shorter.1))")
            valid = false
        }
        return valid ? RateLimitWindows(limits: limits) : nil
    }

    /// The windows as JSON members, null where unset.
    public var members: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: Window.allCases.map { ($0.rawValue, JSONValue(limits[$0])) })
    }
}
