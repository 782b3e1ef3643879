import Foundation
import TollgateCore

/// The emulated Kong node: its entities, its rules, and the log of every request.
///
/// Reproduces the Kong Admin API behaviour that `../shared/KONG.md` describes and
/// Kong's own `kong/api` and `kong/db` code implements: PUT upserts by endpoint key
/// and replaces (defaults re-applied), PATCH merges and 404s when absent, POST 201
/// and 409 on a unique key, DELETE 204 even when absent, foreign keys (a service
/// with routes cannot be deleted; plugins and targets cascade), the upstream
/// `hash_on`/`algorithm` coupling, targets (default port 8000, POST 409, PATCH 404),
/// health and manual marks, DB-less 405s and the Admin token.
actor KongEmulatorState {
    let options: KongEmulatorOptions
    /// Every request received, in order.
    private(set) var requests: [RecordedKongRequest] = []
    /// Entities by collection, in creation order.
    var entities: [String: [[String: JSONValue]]] = [:]
    /// Manual health marks by target id.
    var marks: [String: String] = [:]
    /// The emulated clock (Unix seconds), one tick per write.
    var clock = 1_700_000_000

    static let schemas: [String: EmulatedSchema] = Dictionary(
        uniqueKeysWithValues: [
            EmulatedSchema.services, .routes, .upstreams, .targets, .plugins, .consumers,
        ].map { ($0.collection, $0) })

    init(options: KongEmulatorOptions) {
        self.options = options
    }

    /// Forgets the recorded requests (after a test's set-up).
    func clearRequests() {
        requests.removeAll()
    }

    /// Answers one request and records it.
    func handle(method: String, target: String, body: [UInt8], adminToken: String?) -> EmulatedResponse {
        let json = body.isEmpty ? nil : try? JSONCoding.parse(body)
        requests.append(RecordedKongRequest(method: method, path: target, body: json, adminToken: adminToken))
        if let expected = options.adminToken, adminToken != expected {
            return EmulatedResponse(status: 401, body: ["message": "Invalid credentials. Token or User credentials required"])
        }
        if options.failingRequests.contains(where: { "\(method) \(target)".hasPrefix($0) }) {
            return EmulatedResponse(status: 500, body: ["message": "An unexpected error occurred"])
        }
        if !body.isEmpty && json == nil {
            return .badRequest("Cannot parse JSON body")
        }
        let (path, query) = Self.split(target)
        if options.databaseless && method != "GET" {
            return EmulatedResponse(
                status: 405, body: ["message": .string("cannot \(method.lowercased()) entities when not using a database")])
        }
        let object = json?.objectValue ?? [:]
        return route(method: method, segments: path, query: query, body: object)
    }

    private func route(method: String, segments: [String], query: [String: String], body: [String: JSONValue])
        -> EmulatedResponse
    {
        switch (method, segments.count) {
        case ("GET", 0): return .ok(root)
        case ("GET", 1) where segments[0] == "status":
            return .ok(["database": ["reachable": true], "server": ["connections_active": 1]])
        default: break
        }
        if segments.first == "upstreams", segments.count >= 3 {
            return upstreamChild(method: method, segments: segments, query: query, body: body)
        }
        guard let schema = Self.schemas[segments.first ?? ""], schema.collection != "targets" else { return .notFound }
        switch segments.count {
        case 1:
            switch method {
            case "GET": return list(entities[schema.collection] ?? [], query: query)
            case "POST": return create(schema, body: body)
            default: return .methodNotAllowed
            }
        case 2:
            return entity(schema, key: segments[1], method: method, body: body)
        case 3 where method == "GET":
            return nestedList(schema, key: segments[1], child: segments[2], query: query)
        default:
            return .notFound
        }
    }

    private var root: JSONValue {
        var root: [String: JSONValue] = [
            "version": .string(options.version), "tagline": "Welcome to kong",
            "plugins": ["available_on_server": .object(Dictionary(uniqueKeysWithValues: options.availablePlugins.map { ($0, true) }))],
            "configuration": ["database": .string(options.databaseless ? "off" : "postgres")],
        ]
        if options.version.hasPrefix("3") { root["edition"] = .string(options.edition) }
        return .object(root)
    }

    /// `/services/{s}/routes`, `/{services|routes|consumers}/{k}/plugins`.
    private func nestedList(_ schema: EmulatedSchema, key: String, child: String, query: [String: String]) -> EmulatedResponse {
        guard let owner = find(schema, key: key), let id = owner["id"] else { return .notFound }
        let foreignKey = String(schema.collection.dropLast())
        switch child {
        case "routes" where schema.collection == "services":
            return list((entities["routes"] ?? []).filter { $0["service"]?["id"] == id }, query: query)
        case "plugins":
            return list((entities["plugins"] ?? []).filter { $0[foreignKey]?["id"] == id }, query: query)
        default:
            return .notFound
        }
    }

    /// One page of `items`: `size` (default 100) and an `offset` cursor.
    func list(_ items: [[String: JSONValue]], query: [String: String]) -> EmulatedResponse {
        let size = query["size"].flatMap(Int.init) ?? 100
        guard (1...1000).contains(size) else { return .schemaViolation(["size": "must be between 1 and 1000"]) }
        let start = query["offset"].flatMap { Int($0.dropFirst("page-".count)) } ?? 0
        let page = Array(items.dropFirst(start).prefix(size))
        var body: [String: JSONValue] = ["data": .array(page.map(JSONValue.object)), "next": nil]
        if start + size < items.count {
            body["offset"] = .string("page-\(start + size)")
            body["next"] = .string("/next?offset=page-\(start + size)")
        }
        return .ok(.object(body))
    }

    /// A new id and the next tick of the clock.
    func stamp() -> (id: String, time: Int) {
        clock += 1
        return (UUID().uuidString.lowercased(), clock)
    }

    /// The path's segments (percent-decoded) and its query parameters.
    private static func split(_ target: String) -> ([String], [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1)
        let path = (parts.first ?? "").split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                query[kv[0]] = kv.count == 2 ? kv[1] : ""
            }
        }
        return (path, query)
    }
}
