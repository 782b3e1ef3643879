import TollgateCore

/// `/upstreams/{u}/targets…` and `/upstreams/{u}/health`: targets created only by
/// POST (409 when present), changed by PATCH (404 when absent), a default port of
/// 8000, health per target, and manual marks (PUT from 3.0, POST before; 400
/// `no healthchecker found` when the upstream has no health checks on).
extension KongEmulatorState {
    func upstreamChild(method: String, segments: [String], query: [String: String], body: [String: JSONValue])
        -> EmulatedResponse
    {
        guard let upstream = find(.upstreams, key: segments[1]), let upstreamID = upstream["id"] else { return .notFound }
        let targets = (entities["targets"] ?? []).filter { $0["upstream"]?["id"] == upstreamID }
        switch (segments[2], segments.count, method) {
        case ("health", 3, "GET"):
            let data = targets.map { target -> JSONValue in
                var entry = target
                entry["health"] = .string(health(of: target, in: upstream))
                entry["data"] = ["addresses": []]
                return .object(entry)
            }
            return .ok(["data": .array(data), "next": nil, "node_id": "00000000-0000-4000-8000-000000000001"])
        case ("targets", 3, "GET"):
            return list(targets, query: query)
        case ("targets", 3, "POST"):
            var body = body
            if let address = body["target"]?.stringValue { body["target"] = .string(Self.withDefaultPort(address)) }
            return create(.targets, body: body, extra: ["upstream": ["id": upstreamID]])
        case ("targets", 4, _):
            guard let target = find(.targets, key: Self.withDefaultPort(segments[3]), in: targets) else { return .notFound }
            return targetEntity(target, method: method, body: body)
        case ("targets", 5, _) where ["healthy", "unhealthy"].contains(segments[4]):
            guard let target = find(.targets, key: Self.withDefaultPort(segments[3]), in: targets) else { return .notFound }
            return mark(target, in: upstream, healthy: segments[4] == "healthy", method: method)
        default:
            return .notFound
        }
    }

    private func targetEntity(_ target: [String: JSONValue], method: String, body: [String: JSONValue]) -> EmulatedResponse {
        switch method {
        case "GET":
            return .ok(.object(target))
        case "PATCH":
            var changed = target
            for (field, value) in body where field != "target" { changed[field] = value }
            return replace(.targets, current: target, with: changed)
        case "DELETE":
            entities["targets"]?.removeAll { $0["id"] == target["id"] }
            return .noContent
        default:
            return .methodNotAllowed
        }
    }

    private func mark(_ target: [String: JSONValue], in upstream: [String: JSONValue], healthy: Bool, method: String)
        -> EmulatedResponse
    {
        let expected = options.version.hasPrefix("2") ? "POST" : "PUT"
        guard method == expected else { return .methodNotAllowed }
        guard Self.healthchecksOn(upstream) else {
            return .badRequest("no healthchecker found for upstream '\(upstream["name"]?.stringValue ?? "")'")
        }
        if let id = target["id"]?.stringValue { marks[id] = healthy ? "HEALTHY" : "UNHEALTHY" }
        return .noContent
    }

    /// `HEALTHCHECKS_OFF` without checks; otherwise the manual mark, healthy by default.
    private func health(of target: [String: JSONValue], in upstream: [String: JSONValue]) -> String {
        guard Self.healthchecksOn(upstream) else { return "HEALTHCHECKS_OFF" }
        return target["id"]?.stringValue.flatMap { marks[$0] } ?? "HEALTHY"
    }

    /// Active checks with an interval, or passive checks with a counter.
    static func healthchecksOn(_ upstream: [String: JSONValue]) -> Bool {
        let checks = upstream["healthchecks"]
        let active = ["healthy", "unhealthy"].contains { (checks?["active"]?[$0]?["interval"]?.doubleValue ?? 0) > 0 }
        let passive = ["successes", "tcp_failures", "timeouts", "http_failures"].contains { counter in
            ["healthy", "unhealthy"].contains { (checks?["passive"]?[$0]?[counter]?.intValue ?? 0) > 0 }
        }
        return active || passive
    }

    /// A target without a port gets 8000, as in Kong.
    static func withDefaultPort(_ address: String) -> String {
        if address.hasPrefix("[") { return address.hasSuffix("]") ? address + ":8000" : address }
        return address.contains(":") ? address : address + ":8000"
    }
}
