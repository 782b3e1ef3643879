import TollgateCore

/// Tollgate health checks ↔ Kong's `healthchecks` (Kong says `interval` and
/// `timeout` where Tollgate says `interval_s` and `timeout_s`).
enum HealthchecksMapping {
    /// Kong's names of the fields Tollgate spells differently, for field errors.
    static let renamedFields = ["interval": "interval_s", "timeout": "timeout_s"]

    /// Kong's `healthchecks` object.
    static func kong(_ checks: Healthchecks) -> JSONValue {
        [
            "active": [
                "type": .string(checks.active.type.rawValue), "timeout": .double(checks.active.timeoutS),
                "concurrency": .int(checks.active.concurrency), "http_path": .string(checks.active.httpPath),
                "https_verify_certificate": .bool(checks.active.httpsVerifyCertificate),
                "healthy": healthy(checks.active.healthy, interval: true),
                "unhealthy": unhealthy(checks.active.unhealthy, interval: true),
            ],
            "passive": [
                "type": .string(checks.passive.type.rawValue),
                "healthy": healthy(checks.passive.healthy, interval: false),
                "unhealthy": unhealthy(checks.passive.unhealthy, interval: false),
            ],
        ]
    }

    /// Tollgate's health checks from Kong's object; missing parts keep their defaults.
    static func checks(_ kong: JSONValue?) -> Healthchecks {
        var checks = Healthchecks()
        guard let kong else { return checks }
        if let active = kong["active"] {
            if let type = active["type"]?.stringValue.flatMap(Healthchecks.Active.ProbeType.init(rawValue:)) {
                checks.active.type = type
            }
            checks.active.timeoutS = active["timeout"]?.doubleValue ?? checks.active.timeoutS
            checks.active.concurrency = active["concurrency"]?.intValue ?? checks.active.concurrency
            checks.active.httpPath = active["http_path"]?.stringValue ?? checks.active.httpPath
            checks.active.httpsVerifyCertificate =
                active["https_verify_certificate"]?.boolValue ?? checks.active.httpsVerifyCertificate
            read(active["healthy"], into: &checks.active.healthy)
            read(active["unhealthy"], into: &checks.active.unhealthy)
        }
        if let passive = kong["passive"] {
            if let type = passive["type"]?.stringValue.flatMap(Healthchecks.Active.ProbeType.init(rawValue:)) {
                checks.passive.type = type
            }
            read(passive["healthy"], into: &checks.passive.healthy)
            read(passive["unhealthy"], into: &checks.passive.unhealthy)
        }
        return checks
    }

    private static func healthy(_ side: Healthchecks.Healthy, interval: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "http_statuses": .array(side.httpStatuses.map(JSONValue.int)), "successes": .int(side.successes),
        ]
        if interval { members["interval"] = .double(side.intervalS) }
        return .object(members)
    }

    private static func unhealthy(_ side: Healthchecks.Unhealthy, interval: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "http_statuses": .array(side.httpStatuses.map(JSONValue.int)), "tcp_failures": .int(side.tcpFailures),
            "timeouts": .int(side.timeouts), "http_failures": .int(side.httpFailures),
        ]
        if interval { members["interval"] = .double(side.intervalS) }
        return .object(members)
    }

    private static func read(_ kong: JSONValue?, into side: inout Healthchecks.Healthy) {
        guard let kong else { return }
        side.intervalS = kong["interval"]?.doubleValue ?? side.intervalS
        side.httpStatuses = kong["http_statuses"]?.arrayElements?.compactMap(\.intValue) ?? side.httpStatuses
        side.successes = kong["successes"]?.intValue ?? side.successes
    }

    private static func read(_ kong: JSONValue?, into side: inout Healthchecks.Unhealthy) {
        guard let kong else { return }
        side.intervalS = kong["interval"]?.doubleValue ?? side.intervalS
        side.httpStatuses = kong["http_statuses"]?.arrayElements?.compactMap(\.intValue) ?? side.httpStatuses
        side.tcpFailures = kong["tcp_failures"]?.intValue ?? side.tcpFailures
        side.timeouts = kong["timeouts"]?.intValue ?? side.timeouts
        side.httpFailures = kong["http_failures"]?.intValue ?? side.httpFailures
    }
}
