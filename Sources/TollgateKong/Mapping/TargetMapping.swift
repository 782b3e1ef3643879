import TollgateCore

/// Tollgate targets ↔ Kong targets, and Kong's health states.
enum TargetMapping {
    /// The body of `POST /upstreams/{u}/targets`.
    static func kongBody(_ spec: TargetSpec, keptTags: [String] = []) -> JSONValue {
        ["target": .string(spec.target), "weight": .int(spec.weight), "tags": JSONValue(spec.tags + keptTags)]
    }

    /// The target a Kong target entity describes.
    static func entity(_ kong: JSONValue) throws(GatewayError) -> Entity<TargetSpec> {
        let address = kong["target"]?.stringValue ?? ""
        let spec = TargetSpec(
            target: TargetSpec.canonicalAddress(address) ?? address, weight: kong["weight"]?.intValue ?? 100,
            tags: KongEntity.userTags(kong))
        return Entity(metadata: try KongEntity.metadata(kong), spec: spec)
    }

    /// A target's health from Kong's `health` value (`HEALTHCHECKS_OFF` when Kong gave none).
    static func health(_ kong: JSONValue?) -> TargetHealth {
        guard let text = kong?.stringValue, let state = TargetHealth.State(rawValue: text), state != .healthchecksOff
        else { return .off }
        return TargetHealth(state: state, source: .active, since: nil)
    }
}
