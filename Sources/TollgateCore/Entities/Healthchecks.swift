/// An upstream's health-check configuration, with Kong's defaults.
///
/// Active checks probe targets; passive checks watch proxied traffic. A zero
/// interval turns an active side off; all-zero counters turn passive checks off.
public struct Healthchecks: Sendable, Hashable {
    public var active: Active
    public var passive: Passive

    public init(active: Active = Active(), passive: Passive = Passive()) {
        self.active = active
        self.passive = passive
    }

    /// Whether any check (active or passive) is on.
    public var isEnabled: Bool { active.isEnabled || passive.isEnabled }

    /// Probes sent to each target.
    public struct Active: Sendable, Hashable {
        /// How a probe is made.
        public enum ProbeType: String, Sendable, CaseIterable { case http, https, tcp }

        public var type: ProbeType = .http
        public var httpPath: String = "/"
        public var timeoutS: Double = 1
        public var concurrency: Int = 10
        public var httpsVerifyCertificate: Bool = true
        public var healthy = Healthy(intervalS: 0, httpStatuses: [200, 302], successes: 0)
        public var unhealthy = Unhealthy(
            intervalS: 0, httpStatuses: [429, 404, 500, 501, 502, 503, 504, 505], tcpFailures: 0, timeouts: 0,
            httpFailures: 0)

        public init() {}

        /// Whether probes run for targets on either side.
        public var isEnabled: Bool { healthy.intervalS > 0 || unhealthy.intervalS > 0 }
    }

    /// Counters kept from proxied traffic.
    public struct Passive: Sendable, Hashable {
        /// Which failures count: `http` and `https` count statuses too, `tcp` only connection failures.
        public var type: Active.ProbeType = .http
        public var healthy = Healthy(
            intervalS: 0, httpStatuses: [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308],
            successes: 0)
        public var unhealthy = Unhealthy(
            intervalS: 0, httpStatuses: [429, 500, 503], tcpFailures: 0, timeouts: 0, httpFailures: 0)

        public init() {}

        /// Whether any passive counter is on.
        public var isEnabled: Bool {
            healthy.successes > 0 || unhealthy.tcpFailures > 0 || unhealthy.timeouts > 0 || unhealthy.httpFailures > 0
        }
    }

    /// What counts as healthy, and how often healthy targets are probed.
    public struct Healthy: Sendable, Hashable {
        public var intervalS: Double
        public var httpStatuses: [Int]
        public var successes: Int
    }

    /// What counts as unhealthy, and how often unhealthy targets are probed.
    public struct Unhealthy: Sendable, Hashable {
        public var intervalS: Double
        public var httpStatuses: [Int]
        public var tcpFailures: Int
        public var timeouts: Int
        public var httpFailures: Int
    }
}

extension Healthchecks {
    static let statuses = 100...999
    static let counters = 0...255
    static let intervals = 0.0...65535.0

    /// Reads `healthchecks`; absent parts keep their defaults.
    static func read(_ reader: ObjectReader?) -> Healthchecks? {
        var checks = Healthchecks()
        guard let reader else { return checks }
        var valid = true
        if let active = reader.object("active") {
            let type = active.choice("type", default: checks.active.type)
            let path = active.string("http_path", default: checks.active.httpPath, check: Syntax.uriPath)
            let timeout = active.double("timeout_s", in: 0.001...65535, default: checks.active.timeoutS)
            let concurrency = active.int("concurrency", in: 1...2_147_483_647, default: checks.active.concurrency)
            let verify = active.bool("https_verify_certificate", default: checks.active.httpsVerifyCertificate)
            let healthy = readHealthy(active.object("healthy"), default: checks.active.healthy, withInterval: true)
            let unhealthy = readUnhealthy(active.object("unhealthy"), default: checks.active.unhealthy, withInterval: true)
            active.rejectUnknown()
            if let type, let path, let timeout, let concurrency, let verify, let healthy, let unhealthy {
                checks.active.type = type
                checks.active.httpPath = path
                checks.active.timeoutS = timeout
                checks.active.concurrency = concurrency
                checks.active.httpsVerifyCertificate = verify
                checks.active.healthy = healthy
                checks.active.unhealthy = unhealthy
            } else {
                valid = false
            }
        }
        if let passive = reader.object("passive") {
            let type = passive.choice("type", default: checks.passive.type)
            let healthy = readHealthy(passive.object("healthy"), default: checks.passive.healthy, withInterval: false)
            let unhealthy = readUnhealthy(passive.object("unhealthy"), default: checks.passive.unhealthy, withInterval: false)
            passive.rejectUnknown()
            if let type, let healthy, let unhealthy {
                checks.passive.type = type
                checks.passive.healthy = healthy
                checks.passive.unhealthy = unhealthy
            } else {
                valid = false
            }
        }
        reader.rejectUnknown()
        return valid ? checks : nil
    }

    private static func readHealthy(_ reader: ObjectReader?, default fallback: Healthy, withInterval: Bool) -> Healthy? {
        guard let reader else { return fallback }
        let interval = withInterval ? reader.double("interval_s", in: intervals, default: fallback.intervalS) : 0
        let statuses = reader.ints("http_statuses", in: statuses, default: fallback.httpStatuses)
        let successes = reader.int("successes", in: counters, default: fallback.successes)
        reader.rejectUnknown()
        guard let interval, let statuses, let successes else { return nil }
        return Healthy(intervalS: interval, httpStatuses: statuses, successes: successes)
    }

    private static func readUnhealthy(_ reader: ObjectReader?, default fallback: Unhealthy, withInterval: Bool)
        -> Unhealthy?
    {
        guard let reader else { return fallback }
        let interval = withInterval ? reader.double("interval_s", in: intervals, default: fallback.intervalS) : 0
        let statuses = reader.ints("http_statuses", in: statuses, default: fallback.httpStatuses)
        let tcp = reader.int("tcp_failures", in: counters, default: fallback.tcpFailures)
        let timeouts = reader.int("timeouts", in: counters, default: fallback.timeouts)
        let http = reader.int("http_failures", in: counters, default: fallback.httpFailures)
        reader.rejectUnknown()
        guard let interval, let statuses, let tcp, let timeouts, let http else { return nil }
        return Unhealthy(intervalS: interval, httpStatuses: statuses, tcpFailures: tcp, timeouts: timeouts, httpFailures: http)
    }

    /// The configuration as JSON, every default included.
    public var json: JSONValue {
        [
            "active": [
                "type": .string(active.type.rawValue), "http_path": .string(active.httpPath),
                "timeout_s": .double(active.timeoutS), "concurrency": .int(active.concurrency),
                "https_verify_certificate": .bool(active.httpsVerifyCertificate),
                "healthy": active.healthy.json(withInterval: true),
                "unhealthy": active.unhealthy.json(withInterval: true),
            ],
            "passive": [
                "type": .string(passive.type.rawValue),
                "healthy": passive.healthy.json(withInterval: false),
                "unhealthy": passive.unhealthy.json(withInterval: false),
            ],
        ]
    }
}

extension Healthchecks.Healthy {
    func json(withInterval: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "http_statuses": .array(httpStatuses.map(JSONValue.int)), "successes": .int(successes),
        ]
        if withInterval { members["interval_s"] = .double(intervalS) }
        return .object(members)
    }
}

extension Healthchecks.Unhealthy {
    func json(withInterval: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "http_statuses": .array(httpStatuses.map(JSONValue.int)), "tcp_failures": .int(tcpFailures),
            "timeouts": .int(timeouts), "http_failures": .int(httpFailures),
        ]
        if withInterval { members["interval_s"] = .double(intervalS) }
        return .object(members)
    }
}
