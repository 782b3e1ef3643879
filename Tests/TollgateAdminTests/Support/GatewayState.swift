import TollgateCore

/// Everything the management API lists, and the configuration version: read before and
/// after a failing write to show that the write changed nothing.
struct GatewayState: Equatable, Sendable {
    var configVersion: JSONValue?
    var services: [JSONValue]
    var routes: [JSONValue]
    var plugins: [JSONValue]
    var upstreams: [JSONValue]
    /// Each upstream's targets with their health, by upstream name.
    var targets: [String: [JSONValue]]
    /// The answer (status and body) of each extra path read, for entities no list shows
    /// (mirrors, tenant rate limits).
    var extras: [String: String]

    /// Reads the state through the API (lists of up to 1000 entries, which tests never exceed),
    /// plus a `GET` of each path in `extraPaths`.
    static func read(from gateway: TestGateway, including extraPaths: [String] = []) async throws -> GatewayState {
        let health = try await gateway.get("/health").expecting(200)
        let upstreams = try await list("/upstreams", gateway)
        var targets: [String: [JSONValue]] = [:]
        for upstream in upstreams {
            guard let name = upstream["name"]?.stringValue else { continue }
            targets[name] = try await list("/upstreams/\(name)/targets", gateway)
        }
        var extras: [String: String] = [:]
        for path in extraPaths {
            let response = try await gateway.get(path)
            extras[path] = "\(response.status) \(response.text)"
        }
        return GatewayState(
            configVersion: health["config_version"], services: try await list("/services", gateway),
            routes: try await list("/routes", gateway), plugins: try await list("/plugins", gateway),
            upstreams: upstreams, targets: targets, extras: extras)
    }

    private static func list(_ path: String, _ gateway: TestGateway) async throws -> [JSONValue] {
        try await gateway.get("\(path)?size=1000").expecting(200).listData
    }
}
