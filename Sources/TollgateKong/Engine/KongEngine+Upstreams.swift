import NIOHTTP1
import TollgateCore

extension KongEngine {
    public func listUpstreams(_ page: PageRequest) async throws(GatewayError) -> Page<UpstreamRecord> {
        let upstreams = try await self.page("/upstreams", page)
        var records: [UpstreamRecord] = []
        for upstream in upstreams.data {
            records.append(try await upstreamRecord(upstream, withHealth: false))
        }
        return Page(data: records, nextCursor: upstreams.next)
    }

    public func upstream(named name: String) async throws(GatewayError) -> UpstreamRecord {
        try await upstreamRecord(try await existingUpstream(name), withHealth: true)
    }

    public func upsertUpstream(_ upsert: UpstreamUpsert, ifMatch: String?) async throws(GatewayError)
        -> Upserted<UpstreamRecord>
    {
        var progress = KongProgress("upstream '\(upsert.spec.name)'")
        return try await writeUpstream(upsert, ifMatch: ifMatch, progress: &progress)
    }

    /// Refuses (400) while a service or a canary uses the upstream, then deletes it (Kong deletes its targets).
    public func deleteUpstream(named name: String, ifMatch: String?) async throws(GatewayError) {
        let upstream = try await existingUpstream(name)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: upstream))
        for service in try await all("/services") {
            let serviceName = service["name"]?.stringValue ?? ""
            if service["host"]?.stringValue?.lowercased() == name.lowercased() {
                throw .invalid(field: "name", "is used by service '\(serviceName)'")
            }
            if CanaryState(service: service)?.spec.destination.upstreamName == name {
                throw .invalid(field: "name", "is used by the canary of service '\(serviceName)'")
            }
        }
        try await call(.DELETE, KongPath.entity("upstreams", upstream["id"]?.stringValue ?? name))
    }

    /// Checks the service first (400 when it does not exist), writes the upstream and
    /// its targets, and only then points the service at it.
    public func applyPreset(_ preset: Preset) async throws(GatewayError) -> Upserted<UpstreamRecord> {
        var service: JSONValue?
        if let name = preset.service {
            service = try await referencedService(name, field: "service")
        }
        var progress = KongProgress("preset for upstream '\(preset.upstream.spec.name)'")
        let written = try await writeUpstream(preset.upstream, ifMatch: nil, progress: &progress)
        if let name = preset.service, let id = service?["id"]?.stringValue {
            let host = preset.upstream.spec.name.lowercased()
            try await progress.step("PATCH /services/\(name) (host \(host))") { () throws(GatewayError) in
                try await call(.PATCH, KongPath.entity("services", id), body: ["host": .string(host)])
            }
        }
        return written
    }

    /// `PUT /upstreams/{name}` and, when targets are given, the target sync: new and
    /// changed targets first, removed ones last, so the upstream never runs out of targets half-way.
    private func writeUpstream(_ upsert: UpstreamUpsert, ifMatch: String?, progress: inout KongProgress)
        async throws(GatewayError) -> Upserted<UpstreamRecord>
    {
        let name = upsert.spec.name
        let current = try await find(KongPath.entity("upstreams", name))
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        let upstream = try await progress.step("PUT /upstreams/\(name)") { () throws(GatewayError) in
            try await call(
                .PUT, KongPath.entity("upstreams", name), body: UpstreamMapping.kongBody(upsert.spec),
                renamedFields: UpstreamMapping.renamedFields)
        }
        if let targets = upsert.targets {
            try await syncTargets(targets, upstream: name, progress: &progress)
        }
        return Upserted(try await upstreamRecord(upstream, withHealth: false), created: current == nil)
    }

    private func syncTargets(_ targets: [TargetSpec], upstream: String, progress: inout KongProgress)
        async throws(GatewayError)
    {
        let existing = try await all(targetPath(upstream: upstream))
        var byAddress: [String: JSONValue] = [:]
        for target in existing {
            let entity = try TargetMapping.entity(target)
            byAddress[entity.spec.target] = target
        }
        let wanted = Set(targets.map(\.target))
        var steps: [(String, KongCall)] = []
        for spec in targets {
            if let current = byAddress[spec.target] {
                let kept = KongTags.bookkeeping(current["tags"]?.strings ?? [])
                let entity = try TargetMapping.entity(current)
                guard entity.spec.weight != spec.weight || entity.spec.tags != spec.tags else { continue }
                steps.append((
                    "PATCH target \(spec.target) (weight \(spec.weight))",
                    KongCall(.PATCH, targetPath(upstream: upstream, target: spec.target), TargetMapping.kongBody(spec, keptTags: kept))
                ))
            } else {
                steps.append((
                    "POST target \(spec.target)",
                    KongCall(.POST, targetPath(upstream: upstream), TargetMapping.kongBody(spec))
                ))
            }
        }
        for address in byAddress.keys.sorted() where !wanted.contains(address) {
            steps.append(("DELETE target \(address)", KongCall(.DELETE, targetPath(upstream: upstream, target: address), nil)))
        }
        try await run(steps, progress: &progress)
    }

    /// An upstream with its targets (and their health when asked).
    func upstreamRecord(_ upstream: JSONValue, withHealth: Bool) async throws(GatewayError) -> UpstreamRecord {
        let entity = try UpstreamMapping.entity(upstream)
        let id = upstream["id"]?.stringValue ?? entity.spec.name
        let health = withHealth ? try await targetHealth(upstream: id) : [:]
        var targets: [TargetRecord] = []
        for target in try await all(targetPath(upstream: id)) {
            let target = try TargetMapping.entity(target)
            targets.append(
                TargetRecord(entity: target, upstream: entity.spec.name, health: health[target.spec.target] ?? .off))
        }
        return UpstreamRecord(entity: entity, targets: targets.sorted { $0.entity.spec.target < $1.entity.spec.target })
    }
}
