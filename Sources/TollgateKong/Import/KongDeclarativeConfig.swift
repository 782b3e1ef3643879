import TollgateCore

/// Reads a Kong declarative configuration (`_format_version: "3.0"`, as JSON) into
/// a ``KongImportPlan``: services with their nested routes and plugins, routes,
/// upstreams with nested targets, targets, and plugins. Every entity goes through
/// Tollgate's own validation; whatever Tollgate does not support is listed in
/// ``KongImportPlan/skipped`` with the reason, never dropped silently.
public struct KongDeclarativeConfig {
    /// The top-level keys this importer reads.
    static let importedKeys: Set<String> = ["_format_version", "_transform", "services", "routes", "upstreams", "targets", "plugins"]

    private var plan = KongImportPlan()
    /// Upstream name → index in `plan.upstreams`.
    private var upstreamIndex: [String: Int] = [:]

    /// Parses a declarative file's bytes.
    /// - Throws: ``GatewayError/invalid(_:)`` when the file is not a JSON object of format 1.1, 2.1 or 3.0.
    public static func plan(from bytes: [UInt8]) throws(GatewayError) -> KongImportPlan {
        let document = try JSONCoding.parse(bytes)
        guard let members = document.objectValue else {
            throw .invalid(field: "body", "must be a Kong declarative configuration object")
        }
        guard let version = members["_format_version"]?.stringValue else {
            throw .invalid(field: "_format_version", "is required (\"3.0\")")
        }
        guard ["3.0", "2.1", "1.1"].contains(version) else {
            throw .invalid(field: "_format_version", "must be \"3.0\" (or 2.1 / 1.1), got \"\(version)\"")
        }
        var config = KongDeclarativeConfig()
        config.read(members, legacyRegexPaths: version != "3.0")
        return config.plan
    }

    private mutating func read(_ members: [String: JSONValue], legacyRegexPaths: Bool) {
        for key in members.keys.sorted() where !Self.importedKeys.contains(key) {
            let count = members[key]?.arrayElements?.count ?? 1
            skip("\(key) (\(count)): Tollgate has no such entity")
        }
        for upstream in members["upstreams"]?.arrayElements ?? [] { readUpstream(upstream) }
        for target in members["targets"]?.arrayElements ?? [] {
            guard let upstream = KongEntityReference.name(target["upstream"]) else {
                skip("target \(target["target"]?.stringValue ?? "?"): names no upstream")
                continue
            }
            addTarget(target, upstream: upstream)
        }
        for service in members["services"]?.arrayElements ?? [] { readService(service, legacyRegexPaths: legacyRegexPaths) }
        for route in members["routes"]?.arrayElements ?? [] {
            guard let service = KongEntityReference.name(route["service"]) else {
                skip("route \(route["name"]?.stringValue ?? "?"): has no service; Tollgate routes belong to a service")
                continue
            }
            readRoute(route, service: service, legacyRegexPaths: legacyRegexPaths)
        }
        for plugin in members["plugins"]?.arrayElements ?? [] {
            readPlugin(plugin, service: KongEntityReference.name(plugin["service"]), route: KongEntityReference.name(plugin["route"]))
        }
    }

    private mutating func readUpstream(_ kong: JSONValue) {
        let name = kong["name"]?.stringValue ?? "?"
        var body = KongImportFields.pick(kong, ["name", "algorithm", "hash_on", "hash_on_header", "hash_on_cookie", "hash_on_cookie_path", "tags"])
        if let checks = kong["healthchecks"] { body["healthchecks"] = KongImportFields.healthchecks(checks) }
        note(kong, kind: "upstream \(name)", read: ["name", "algorithm", "hash_on", "hash_on_header", "hash_on_cookie", "hash_on_cookie_path", "tags", "healthchecks", "targets", "id", "created_at", "updated_at", "slots", "hash_fallback"])
        do {
            let spec = try UpstreamSpec.parse(.object(body))
            upstreamIndex[spec.name] = plan.upstreams.count
            plan.upstreams.append(UpstreamUpsert(spec: spec, targets: []))
        } catch {
            skip("upstream \(name): \(KongImportFields.describe(error))")
            return
        }
        for target in kong["targets"]?.arrayElements ?? [] { addTarget(target, upstream: name) }
    }

    private mutating func addTarget(_ kong: JSONValue, upstream: String) {
        let address = kong["target"]?.stringValue ?? "?"
        guard let index = upstreamIndex[upstream] else {
            skip("target \(address): upstream \(upstream) was not imported")
            return
        }
        do {
            let spec = try TargetSpec.parse(.object(KongImportFields.pick(kong, ["target", "weight", "tags"])))
            plan.upstreams[index].targets?.append(spec)
        } catch {
            skip("target \(address) of upstream \(upstream): \(KongImportFields.describe(error))")
        }
    }

    private mutating func readService(_ kong: JSONValue, legacyRegexPaths: Bool) {
        let name = kong["name"]?.stringValue ?? "?"
        var body = KongImportFields.pick(kong, ["name", "url", "protocol", "host", "port", "path", "retries", "tags"])
        for (kongKey, key) in ServiceMapping.renamedFields { body[key] = kong[kongKey] }
        note(kong, kind: "service \(name)", read: ["name", "url", "protocol", "host", "port", "path", "retries", "tags", "routes", "plugins", "id", "created_at", "updated_at", "enabled"] + ServiceMapping.renamedFields.keys)
        do {
            plan.services.append(try ServiceSpec.parse(.object(body.filter { $0.value != .null })))
        } catch {
            skip("service \(name): \(KongImportFields.describe(error))")
            return
        }
        for route in kong["routes"]?.arrayElements ?? [] { readRoute(route, service: name, legacyRegexPaths: legacyRegexPaths) }
        for plugin in kong["plugins"]?.arrayElements ?? [] { readPlugin(plugin, service: name, route: nil) }
    }

    private mutating func readRoute(_ kong: JSONValue, service: String, legacyRegexPaths: Bool) {
        let routeCount = plan.routes.count
        let name = kong["name"]?.stringValue ?? "\(service)-route-\(routeCount + 1)"
        if kong["name"] == nil { skip("route without a name on service \(service): imported as \(name)") }
        var body = KongImportFields.pick(kong, ["paths", "hosts", "methods", "headers", "protocols", "strip_path", "preserve_host", "regex_priority", "tags"])
        body["name"] = .string(name)
        if legacyRegexPaths, let paths = kong["paths"]?.arrayElements {
            body["paths"] = .array(paths.map { path in KongImportFields.legacyPath(path) })
        }
        note(kong, kind: "route \(name)", read: ["name", "paths", "hosts", "methods", "headers", "protocols", "strip_path", "preserve_host", "regex_priority", "tags", "service", "plugins", "id", "created_at", "updated_at", "https_redirect_status_code", "path_handling", "request_buffering", "response_buffering"])
        do {
            plan.routes.append(.init(service: service, spec: try RouteSpec.parse(.object(body.filter { $0.value != .null }))))
        } catch {
            skip("route \(name): \(KongImportFields.describe(error))")
            return
        }
        for plugin in kong["plugins"]?.arrayElements ?? [] { readPlugin(plugin, service: nil, route: name) }
    }

    private mutating func readPlugin(_ kong: JSONValue, service: String?, route: String?) {
        let name = kong["name"]?.stringValue ?? "?"
        let scope = route.map { "route \($0)" } ?? service.map { "service \($0)" } ?? "global"
        guard PluginCatalog.schemas[name] != nil else {
            skip("plugin \(name) (\(scope)): not a Tollgate plugin (built-in: \(PluginCatalog.names.joined(separator: ", ")))")
            return
        }
        if KongEntityReference.name(kong["consumer"]) != nil {
            skip("plugin \(name) (\(scope)): scoped to a consumer; use tenant rate limits or key-auth keys in Tollgate")
            return
        }
        var body: [String: JSONValue] = [
            "name": .string(name), "config": PluginConfigMapping.of(name).tollgate(kong["config"] ?? [:], plugin: name),
            "enabled": kong["enabled"] ?? true, "tags": kong["tags"] ?? [],
        ]
        if let route { body["route"] = .string(route) } else if let service { body["service"] = .string(service) }
        do {
            plan.plugins.append(try PluginSpec.parse(.object(body)))
        } catch {
            skip("plugin \(name) (\(scope)): \(KongImportFields.describe(error))")
        }
    }

    /// Lists the fields of `kong` Tollgate does not read that carry a value.
    private mutating func note(_ kong: JSONValue, kind: String, read: [String]) {
        let ignored = (kong.objectValue ?? [:]).filter { !read.contains($0.key) && $0.value != .null }.keys.sorted()
        if !ignored.isEmpty { skip("\(kind): fields not imported (no Tollgate equivalent): \(ignored.joined(separator: ", "))") }
    }

    private mutating func skip(_ reason: String) {
        plan.skipped.append(reason)
    }
}
