import TollgateCore

/// Field-level helpers of the declarative import: picking, renaming, describing errors.
enum KongImportFields {
    /// The members of `kong` named in `keys`.
    static func pick(_ kong: JSONValue, _ keys: [String]) -> [String: JSONValue] {
        (kong.objectValue ?? [:]).filter { keys.contains($0.key) }
    }

    /// Kong's `healthchecks` with Tollgate's field names (`interval_s`, `timeout_s`); Kong-only fields left out.
    static func healthchecks(_ kong: JSONValue) -> JSONValue {
        func side(_ value: JSONValue?, keys: [String]) -> JSONValue? {
            guard let members = value?.objectValue else { return nil }
            var result: [String: JSONValue] = [:]
            for (key, item) in members where item != .null {
                let name = HealthchecksMapping.renamedFields[key] ?? key
                if keys.contains(name) { result[name] = item }
            }
            return .object(result)
        }
        var result: [String: JSONValue] = [:]
        let counters = ["http_statuses", "successes", "tcp_failures", "timeouts", "http_failures"]
        if let active = kong["active"] {
            var members = side(active, keys: ["type", "http_path", "timeout_s", "concurrency", "https_verify_certificate"])?.objectValue ?? [:]
            members["healthy"] = side(active["healthy"], keys: counters + ["interval_s"])
            members["unhealthy"] = side(active["unhealthy"], keys: counters + ["interval_s"])
            result["active"] = .object(members.filter { $0.value != .null })
        }
        if let passive = kong["passive"] {
            var members = side(passive, keys: ["type"])?.objectValue ?? [:]
            members["healthy"] = side(passive["healthy"], keys: counters)
            members["unhealthy"] = side(passive["unhealthy"], keys: counters)
            result["passive"] = .object(members.filter { $0.value != .null })
        }
        return .object(result)
    }

    /// A path of a pre-3.0 file: regular expressions had no `~` prefix then.
    static func legacyPath(_ path: JSONValue) -> JSONValue {
        guard let text = path.stringValue, !text.hasPrefix("~"),
            text.contains(where: { "()[]*+?$^\\|{}".contains($0) })
        else { return path }
        return .string("~" + text)
    }

    /// A one-line description of why an entity was refused.
    static func describe(_ error: GatewayError) -> String {
        switch error {
        case .invalid(let fields): fields.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .notFound(let detail), .conflict(let detail), .preconditionFailed(let detail), .notImplemented(let detail),
            .backend(let detail):
            detail
        }
    }
}
