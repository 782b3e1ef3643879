import Foundation
import TollgateCore

/// Kong's generic entity endpoints: `POST /{c}`, and `GET|PUT|PATCH|DELETE /{c}/{id or key}`.
extension KongEmulatorState {
    /// The entity named by id or endpoint key.
    func find(_ schema: EmulatedSchema, key: String, in items: [[String: JSONValue]]? = nil) -> [String: JSONValue]? {
        let items = items ?? entities[schema.collection] ?? []
        if UUID(uuidString: key) != nil, let match = items.first(where: { $0["id"]?.stringValue == key }) {
            return match
        }
        guard let endpointKey = schema.endpointKey else { return nil }
        return items.first { $0[endpointKey]?.stringValue == key }
    }

    func create(_ schema: EmulatedSchema, body: [String: JSONValue], extra: [String: JSONValue] = [:]) -> EmulatedResponse {
        let (id, time) = stamp()
        var entity = schema.defaults.merging(Self.coupled(schema, body)) { _, new in new }.merging(extra) { _, new in new }
        entity["id"] = .string(id)
        entity["created_at"] = .int(time)
        entity["updated_at"] = .int(time)
        if let problem = check(schema, entity, replacing: nil) { return problem }
        entities[schema.collection, default: []].append(entity)
        return .created(.object(entity))
    }

    func entity(_ schema: EmulatedSchema, key: String, method: String, body: [String: JSONValue]) -> EmulatedResponse {
        let current = find(schema, key: key)
        switch method {
        case "GET":
            return current.map { .ok(.object($0)) } ?? .notFound
        case "PUT":
            return put(schema, key: key, current: current, body: body)
        case "PATCH":
            guard let current else { return .notFound }
            var entity = current
            for (field, value) in Self.coupled(schema, body) {
                entity[field] = field == "config" || field == "healthchecks" ? (current[field] ?? [:]).merging(value) : value
            }
            return replace(schema, current: current, with: entity)
        case "DELETE":
            guard let current else { return .noContent }
            return delete(schema, current)
        default:
            return .methodNotAllowed
        }
    }

    /// PUT upserts by id or endpoint key and replaces the whole entity: defaults re-applied.
    private func put(_ schema: EmulatedSchema, key: String, current: [String: JSONValue]?, body: [String: JSONValue])
        -> EmulatedResponse
    {
        var entity = schema.defaults.merging(Self.coupled(schema, body)) { _, new in new }
        if let endpointKey = schema.endpointKey, UUID(uuidString: key) == nil {
            if let given = body[endpointKey]?.stringValue, given != key {
                return .schemaViolation([endpointKey: .string("must match the key in the path ('\(key)')")])
            }
            entity[endpointKey] = .string(key)
        }
        guard let current else {
            let (id, time) = stamp()
            entity["id"] = .string(UUID(uuidString: key) != nil ? key.lowercased() : id)
            entity["created_at"] = .int(time)
            entity["updated_at"] = .int(time)
            if let problem = check(schema, entity, replacing: nil) { return problem }
            entities[schema.collection, default: []].append(entity)
            return .ok(.object(entity))
        }
        entity["id"] = current["id"]
        entity["created_at"] = current["created_at"]
        return replace(schema, current: current, with: entity)
    }

    /// Stores a changed entity after the checks; 200 with it.
    func replace(_ schema: EmulatedSchema, current: [String: JSONValue], with changed: [String: JSONValue])
        -> EmulatedResponse
    {
        var entity = changed
        entity["updated_at"] = .int(stamp().time)
        if let problem = check(schema, entity, replacing: current["id"]) { return problem }
        guard let index = entities[schema.collection]?.firstIndex(where: { $0["id"] == current["id"] }) else {
            return .notFound
        }
        entities[schema.collection]?[index] = entity
        return .ok(.object(entity))
    }

    /// Deletes an entity: 400 while routes reference a service; plugins and targets cascade.
    private func delete(_ schema: EmulatedSchema, _ entity: [String: JSONValue]) -> EmulatedResponse {
        let id = entity["id"]
        let foreignKey = String(schema.collection.dropLast())
        if schema.collection == "services", (entities["routes"] ?? []).contains(where: { $0["service"]?["id"] == id }) {
            return .foreignKeyViolation(
                "an existing 'routes' entity references this 'services' entity", fields: ["@referenced_by": "routes"])
        }
        entities[schema.collection]?.removeAll { $0["id"] == id }
        entities["plugins"]?.removeAll { $0[foreignKey]?["id"] == id }
        if schema.collection == "upstreams" {
            entities["targets"]?.removeAll { $0["upstream"]?["id"] == id }
        }
        return .noContent
    }

    /// Kong couples an upstream's algorithm to `hash_on`: a `hash_on` other than
    /// `none` makes it `consistent-hashing`, `hash_on: none` makes it `round-robin`.
    static func coupled(_ schema: EmulatedSchema, _ body: [String: JSONValue]) -> [String: JSONValue] {
        guard schema.collection == "upstreams", let hashOn = body["hash_on"]?.stringValue else { return body }
        var body = body
        body["algorithm"] = hashOn == "none" ? "round-robin" : "consistent-hashing"
        return body
    }

    /// Schema, plugin, foreign-key and uniqueness checks; nil when the entity may be stored.
    private func check(_ schema: EmulatedSchema, _ entity: [String: JSONValue], replacing id: JSONValue?) -> EmulatedResponse? {
        var fields = schema.violations(entity)
        if schema.collection == "plugins" {
            fields.merge(pluginViolations(entity)) { first, _ in first }
        }
        if !fields.isEmpty { return .schemaViolation(fields) }
        for foreign in ["service", "route", "consumer", "upstream"] {
            guard let reference = entity[foreign]?["id"]?.stringValue else { continue }
            let collection = foreign + "s"
            guard (entities[collection] ?? []).contains(where: { $0["id"]?.stringValue == reference }) else {
                return .foreignKeyViolation(
                    "the foreign key '{id=\"\(reference)\"}' does not reference an existing '\(collection)' entity.",
                    fields: [foreign: .string("the foreign key '{id=\"\(reference)\"}' does not reference an existing '\(collection)' entity.")])
            }
        }
        let others = (entities[schema.collection] ?? []).filter { $0["id"] != id }
        if let key = uniqueKey(schema, entity), others.contains(where: { uniqueKey(schema, $0) == key }) {
            return .uniqueViolation(key)
        }
        return nil
    }

    /// The unique key of an entity: its name, a target per upstream, a plugin per (name, route, service, consumer).
    private func uniqueKey(_ schema: EmulatedSchema, _ entity: [String: JSONValue]) -> String? {
        switch schema.collection {
        case "plugins":
            let scope = ["route", "service", "consumer"].map { "\($0)=\(entity[$0]?["id"]?.stringValue ?? "null")" }
            return "{name=\(entity["name"]?.stringValue ?? "")," + scope.joined(separator: ",") + "}"
        case "targets":
            return "{upstream=\(entity["upstream"]?["id"]?.stringValue ?? ""),target=\(entity["target"]?.stringValue ?? "")}"
        default:
            guard let key = schema.endpointKey, let value = entity[key]?.stringValue else { return nil }
            return "{\(key)=\"\(value)\"}"
        }
    }

    /// The plugin must be installed; `rate-limiting`'s `limit_by` is one of Kong's.
    private func pluginViolations(_ entity: [String: JSONValue]) -> [String: JSONValue] {
        let name = entity["name"]?.stringValue ?? ""
        guard options.availablePlugins.contains(name) else {
            return ["name": .string("plugin '\(name)' not enabled; add it to the 'plugins' configuration property")]
        }
        let kongLimitBy = ["consumer", "credential", "ip", "service", "header", "path", "consumer-group"]
        if name == "rate-limiting", let limitBy = entity["config"]?["limit_by"]?.stringValue, !kongLimitBy.contains(limitBy) {
            return ["config": ["limit_by": .string("expected one of: \(kongLimitBy.joined(separator: ", "))")]]
        }
        return [:]
    }
}
