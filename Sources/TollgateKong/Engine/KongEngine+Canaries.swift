import NIOHTTP1
import TollgateCore

/// Canaries: Kong Enterprise's `canary` plugin when the node has it, otherwise
/// weights shifted between the stable and the canary targets of the service's
/// upstream. The canary's spec is kept in a bookkeeping tag of the Kong service.
extension KongEngine {
    /// Tag key of the targets a canary added to an upstream (payload: the service's name).
    static let canaryTargetTag = "canary-of"
    /// Tag key of a stable target's weight before a canary shifted it.
    static let originalWeightTag = "weight"

    public func canary(service: String) async throws(GatewayError) -> CanaryRecord {
        guard let canary = CanaryState(service: try await existingService(service)) else {
            throw .notFound("service '\(service)' has no canary")
        }
        return canary.record(service: service)
    }

    public func upsertCanary(_ spec: CanarySpec, service name: String, ifMatch: String?) async throws(GatewayError)
        -> Upserted<CanaryRecord>
    {
        let service = try await existingService(name)
        let current = CanaryState(service: service)
        try Precondition.check(ifMatch, current: current?.record(service: name).etag)
        if spec.steps != nil {
            throw .invalid(
                field: "steps",
                "the Kong engine does not raise a canary on a timer; raise percentage with further requests")
        }
        if let upstream = spec.destination.upstreamName, try await find(KongPath.entity("upstreams", upstream)) == nil {
            throw .invalid(field: "upstream", "names no upstream '\(upstream)'")
        }
        var progress = KongProgress("canary of service '\(name)'")
        let mode: CanaryState.Mode
        if try await nodeInfo().hasCanaryPlugin {
            mode = try await writeCanaryPlugin(spec, service: service, current: current, progress: &progress)
        } else {
            mode = try await shiftCanaryWeights(spec, service: service, name: name, progress: &progress)
        }
        let now = Timestamp.now()
        let state = CanaryState(
            spec: spec, mode: mode, createdAt: current?.createdAt ?? now, updatedAt: now,
            serviceID: try ServiceMapping.entity(service).metadata.id)
        try await writeCanaryTag(state.tag, service: service, progress: &progress)
        return Upserted(state.record(service: name), created: current == nil)
    }

    public func deleteCanary(service name: String, ifMatch: String?) async throws(GatewayError) {
        let service = try await existingService(name)
        guard let canary = CanaryState(service: service) else { throw .notFound("service '\(name)' has no canary") }
        try Precondition.check(ifMatch, current: canary.record(service: name).etag)
        var progress = KongProgress("deleting the canary of service '\(name)'")
        try await removeCanary(canary, of: service, progress: &progress)
    }

    /// Undoes a canary in Kong: the plugin deleted, or the stable weights restored
    /// and the canary targets deleted; then the service's tag removed.
    func removeCanary(_ canary: CanaryState, of service: JSONValue, progress: inout KongProgress) async throws(GatewayError) {
        let name = service["name"]?.stringValue ?? ""
        switch canary.mode {
        case .plugin(let id):
            try await progress.step("DELETE /plugins/\(id) (canary)") { () throws(GatewayError) in
                try await call(.DELETE, KongPath.entity("plugins", id))
            }
        case .weights(let upstream):
            let targets = try await all(targetPath(upstream: upstream))
            var calls: [(String, KongCall)] = []
            for target in targets {
                let tags = target["tags"]?.strings ?? []
                guard let address = target["target"]?.stringValue else { continue }
                if KongTags.payload(Self.canaryTargetTag, in: tags) == name {
                    calls.append(("DELETE canary target \(address)", KongCall(.DELETE, targetPath(upstream: upstream, target: address), nil)))
                } else if let original = KongTags.payload(Self.originalWeightTag, in: tags).flatMap({ Int($0) }) {
                    let body: JSONValue = [
                        "weight": .int(original), "tags": JSONValue(KongTags.removing(Self.originalWeightTag, from: tags)),
                    ]
                    calls.append(("restore weight \(original) of \(address)", KongCall(.PATCH, targetPath(upstream: upstream, target: address), body)))
                }
            }
            // Stable weights come back before the canary targets go, so traffic always has somewhere to go.
            calls.sort { $0.1.method == .PATCH && $1.1.method != .PATCH }
            try await run(calls, progress: &progress)
        }
        let tags = KongTags.removing(CanaryState.tagKey, from: service["tags"]?.strings ?? [])
        let id = service["id"]?.stringValue ?? name
        try await progress.step("PATCH /services/\(name) (canary tag removed)") { () throws(GatewayError) in
            try await call(.PATCH, KongPath.entity("services", id), body: ["tags": JSONValue(tags)])
        }
    }

    /// Creates or updates Kong Enterprise's `canary` plugin on the service.
    private func writeCanaryPlugin(
        _ spec: CanarySpec, service: JSONValue, current: CanaryState?, progress: inout KongProgress
    ) async throws(GatewayError) -> CanaryState.Mode {
        var config: [String: JSONValue] = [
            "percentage": .int(spec.percentage), "canary_by_header_name": .string(spec.overrideHeader),
        ]
        switch spec.hashOn {
        case .none: config["hash"] = "none"
        case .ip: config["hash"] = "ip"
        case .header:
            config["hash"] = "header"
            config["hash_header"] = JSONValue(spec.hashOnHeader)
        case .cookie:
            throw .invalid(field: "hash_on", "Kong's canary plugin keeps clients on one side by ip or header, not by cookie")
        }
        switch spec.destination {
        case .upstream(let name):
            config["upstream_host"] = .string(name)
        case .url(let url):
            config["upstream_host"] = .string(url.host)
            config["upstream_port"] = .int(url.port)
            if let path = url.path { config["upstream_uri"] = .string(path) }
        }
        if case .plugin(let id)? = current?.mode {
            try await progress.step("PATCH /plugins/\(id) (canary)") { () throws(GatewayError) in
                try await call(.PATCH, KongPath.entity("plugins", id), body: ["config": .object(config)])
            }
            return .plugin(id: id)
        }
        let body: JSONValue = [
            "name": "canary", "service": ["id": .string(service["id"]?.stringValue ?? "")], "config": .object(config),
        ]
        let plugin = try await progress.step("POST /plugins (canary)") { () throws(GatewayError) in
            try await call(.POST, "/plugins", body: body)
        }
        return .plugin(id: plugin["id"]?.stringValue ?? "")
    }

    /// Shifts weights in the service's upstream: stable targets scaled down to
    /// `100 - percentage`, canary targets added or updated to carry `percentage`.
    private func shiftCanaryWeights(_ spec: CanarySpec, service: JSONValue, name: String, progress: inout KongProgress)
        async throws(GatewayError) -> CanaryState.Mode
    {
        let host = service["host"]?.stringValue ?? ""
        guard let upstream = try await find(KongPath.entity("upstreams", host)) else {
            throw .invalid(
                field: "upstream",
                "this Kong has no canary plugin (Kong Enterprise), so a canary shifts target weights inside the "
                    + "service's upstream; service '\(name)' points at '\(host)', which is no upstream. Point it at one "
                    + "first (e.g. POST /upstreams/preset/weighted with \"service\": \"\(name)\")")
        }
        let upstreamName = upstream["name"]?.stringValue ?? host
        let canaryAddresses = try await canaryAddresses(spec.destination, stable: upstreamName)
        var originals: [String: Int] = [:]
        var stableTags: [String: [String]] = [:]
        var previousCanary: Set<String> = []
        for target in try await all(targetPath(upstream: upstreamName)) {
            guard let address = target["target"]?.stringValue.flatMap(TargetSpec.canonicalAddress) else { continue }
            let tags = target["tags"]?.strings ?? []
            if KongTags.payload(Self.canaryTargetTag, in: tags) != nil {
                previousCanary.insert(address)
                continue
            }
            originals[address] =
                KongTags.payload(Self.originalWeightTag, in: tags).flatMap { Int($0) } ?? target["weight"]?.intValue ?? 0
            stableTags[address] = tags
        }
        if let clash = canaryAddresses.first(where: { originals[$0] != nil }) {
            throw .invalid(field: "upstream", "the canary target \(clash) is already a stable target of upstream '\(upstreamName)'")
        }
        guard originals.values.reduce(0, +) > 0 else {
            throw .invalid(field: "upstream", "upstream '\(upstreamName)' has no stable target with a weight above 0")
        }
        let weights = CanaryWeights(originals: originals, canaryTargets: canaryAddresses, percentage: spec.percentage)
        var calls: [(String, KongCall)] = []
        for (address, weight) in weights.stable.sorted(by: { $0.key < $1.key }) {
            let tags = KongTags.removing(Self.originalWeightTag, from: stableTags[address] ?? [])
                + [KongTags.tag(Self.originalWeightTag, payload: String(originals[address] ?? 0))]
            let body: JSONValue = ["weight": .int(weight), "tags": JSONValue(tags)]
            calls.append(("PATCH stable target \(address) (weight \(weight))", KongCall(.PATCH, targetPath(upstream: upstreamName, target: address), body)))
        }
        let canaryTag = KongTags.tag(Self.canaryTargetTag, payload: name)
        for (address, weight) in weights.canary.sorted(by: { $0.key < $1.key }) {
            let body: JSONValue = ["target": .string(address), "weight": .int(weight), "tags": [.string(canaryTag)]]
            calls.append(
                previousCanary.contains(address)
                    ? ("PATCH canary target \(address) (weight \(weight))", KongCall(.PATCH, targetPath(upstream: upstreamName, target: address), body))
                    : ("POST canary target \(address) (weight \(weight))", KongCall(.POST, targetPath(upstream: upstreamName), body)))
        }
        for address in previousCanary.subtracting(canaryAddresses).sorted() {
            calls.append(("DELETE old canary target \(address)", KongCall(.DELETE, targetPath(upstream: upstreamName, target: address), nil)))
        }
        try await run(calls, progress: &progress)
        return .weights(upstream: upstreamName)
    }

    /// The addresses a canary sends traffic to: the destination upstream's targets, or the URL's host and port.
    private func canaryAddresses(_ destination: TrafficDestination, stable: String) async throws(GatewayError) -> [String] {
        switch destination {
        case .url(let url):
            return [HostPort.join(url.host, url.port)]
        case .upstream(let name):
            guard name != stable else {
                throw .invalid(field: "upstream", "is the service's own upstream; name the upstream of the new version")
            }
            let addresses = try await all(targetPath(upstream: name)).compactMap { target -> String? in
                guard (target["weight"]?.intValue ?? 0) > 0 else { return nil }
                return target["target"]?.stringValue.flatMap(TargetSpec.canonicalAddress)
            }
            guard !addresses.isEmpty else { throw .invalid(field: "upstream", "upstream '\(name)' has no target with a weight above 0") }
            return addresses.sorted()
        }
    }

    private func writeCanaryTag(_ tag: String, service: JSONValue, progress: inout KongProgress) async throws(GatewayError) {
        let name = service["name"]?.stringValue ?? ""
        let tags = KongTags.removing(CanaryState.tagKey, from: service["tags"]?.strings ?? []) + [tag]
        let id = service["id"]?.stringValue ?? name
        try await progress.step("PATCH /services/\(name) (canary tag)") { () throws(GatewayError) in
            try await call(.PATCH, KongPath.entity("services", id), body: ["tags": JSONValue(tags)])
        }
    }

    /// Runs planned calls in order under `progress`.
    func run(_ calls: [(String, KongCall)], progress: inout KongProgress) async throws(GatewayError) {
        for (index, (description, kongCall)) in calls.enumerated() {
            try await progress.step(description, remaining: calls.dropFirst(index + 1).map(\.0)) { () throws(GatewayError) in
                try await call(kongCall.method, kongCall.path, body: kongCall.body)
            }
        }
    }
}
