import NIOHTTP1
import TollgateCore

/// Mirrors: Kong has no mirroring plugin in OSS or Enterprise. With
/// `--kong-mirror-plugin NAME` a route's mirror is that plugin on the route, its
/// config being the mirror's fields; without it every mirror endpoint answers 501.
extension KongEngine {
    public func mirror(route: String) async throws(GatewayError) -> MirrorRecord {
        let plugin = try await mirrorPluginName()
        let owner = try await existingRoute(route)
        guard let mirror = try await mirrorPlugin(plugin, route: owner) else { throw .notFound("route '\(route)' has no mirror") }
        return try mirrorRecord(mirror, route: route)
    }

    public func upsertMirror(_ spec: MirrorSpec, route: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<MirrorRecord>
    {
        let plugin = try await mirrorPluginName()
        let owner = try await existingRoute(route)
        let current = try await mirrorPlugin(plugin, route: owner)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        if let upstream = spec.destination.upstreamName, try await find(KongPath.entity("upstreams", upstream)) == nil {
            throw .invalid(field: "upstream", "names no upstream '\(upstream)'")
        }
        let config = JSONValue.object(spec.members.filter { $0.key != "tags" && $0.value != .null })
        let written: JSONValue
        if let id = current?["id"]?.stringValue {
            written = try await call(.PATCH, KongPath.entity("plugins", id), body: ["config": config, "tags": JSONValue(spec.tags)])
        } else {
            let body: JSONValue = [
                "name": .string(plugin), "route": ["id": JSONValue(owner["id"]?.stringValue)], "config": config,
                "tags": JSONValue(spec.tags),
            ]
            written = try await call(.POST, "/plugins", body: body)
        }
        return Upserted(try mirrorRecord(written, route: route), created: current == nil)
    }

    public func deleteMirror(route: String, ifMatch: String?) async throws(GatewayError) {
        let plugin = try await mirrorPluginName()
        let owner = try await existingRoute(route)
        guard let mirror = try await mirrorPlugin(plugin, route: owner), let id = mirror["id"]?.stringValue else {
            throw .notFound("route '\(route)' has no mirror")
        }
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: mirror))
        try await call(.DELETE, KongPath.entity("plugins", id))
    }

    /// The configured mirroring plugin; 501 with the reason when there is none.
    private func mirrorPluginName() async throws(GatewayError) -> String {
        guard let name = configuration.mirrorPlugin else {
            throw .notImplemented(
                "Kong has no traffic-mirroring plugin (neither OSS nor Enterprise), so the Kong engine cannot mirror "
                    + "routes. Install a mirroring plugin in Kong and name it with --kong-mirror-plugin, or use the "
                    + "embedded engine, which mirrors natively")
        }
        return name
    }

    private func mirrorPlugin(_ name: String, route: JSONValue) async throws(GatewayError) -> JSONValue? {
        let id = route["id"]?.stringValue ?? ""
        return try await all(KongPath.entity("routes", id) + "/plugins").first { $0["name"]?.stringValue == name }
    }

    private func mirrorRecord(_ plugin: JSONValue, route: String) throws(GatewayError) -> MirrorRecord {
        var config = plugin["config"]?.objectValue ?? [:]
        config["tags"] = JSONValue(KongEntity.userTags(plugin))
        guard let spec = try? MirrorSpec.parse(.object(config)) else {
            throw .backend("Kong's mirroring plugin on route '\(route)' has a config Tollgate cannot read as a mirror")
        }
        return MirrorRecord(route: route, entity: Entity(metadata: try KongEntity.metadata(plugin), spec: spec))
    }
}
