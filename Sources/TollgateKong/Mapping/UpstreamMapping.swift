import TollgateCore

/// Tollgate upstreams ↔ Kong upstreams.
///
/// Kong ties `algorithm` to `hash_on`: a `hash_on` other than `none` forces
/// `consistent-hashing` and `hash_on: none` forces `round-robin`, so
/// `least-connections` is sent with `algorithm` alone.
enum UpstreamMapping {
    /// Kong's names of the fields Tollgate spells differently, for field errors.
    static let renamedFields = HealthchecksMapping.renamedFields

    /// The body of `PUT /upstreams/{name}`.
    static func kongBody(_ spec: UpstreamSpec) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(spec.name), "algorithm": .string(spec.algorithm.rawValue),
            "hash_on_cookie_path": .string(spec.hashOnCookiePath),
            "healthchecks": HealthchecksMapping.kong(spec.healthchecks), "tags": JSONValue(spec.tags),
        ]
        if spec.algorithm != .leastConnections {
            body["hash_on"] = .string(spec.hashOn.rawValue)
        }
        if let header = spec.hashOnHeader { body["hash_on_header"] = .string(header) }
        if let cookie = spec.hashOnCookie { body["hash_on_cookie"] = .string(cookie) }
        return .object(body)
    }

    /// The upstream a Kong upstream entity describes.
    static func entity(_ kong: JSONValue) throws(GatewayError) -> Entity<UpstreamSpec> {
        let spec = UpstreamSpec(
            name: kong["name"]?.stringValue ?? "",
            algorithm: kong["algorithm"]?.stringValue.flatMap(UpstreamSpec.Algorithm.init(rawValue:)) ?? .roundRobin,
            hashOn: kong["hash_on"]?.stringValue.flatMap(UpstreamSpec.HashOn.init(rawValue:)) ?? .none,
            hashOnHeader: kong["hash_on_header"]?.stringValue, hashOnCookie: kong["hash_on_cookie"]?.stringValue,
            hashOnCookiePath: kong["hash_on_cookie_path"]?.stringValue ?? "/",
            healthchecks: HealthchecksMapping.checks(kong["healthchecks"]), tags: KongEntity.userTags(kong))
        return Entity(metadata: try KongEntity.metadata(kong), spec: spec)
    }
}
