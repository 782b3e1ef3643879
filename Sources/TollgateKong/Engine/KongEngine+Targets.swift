import NIOHTTP1
import TollgateCore

extension KongEngine {
    public func listTargets(upstream: String, _ page: PageRequest) async throws(GatewayError) -> Page<TargetRecord> {
        let owner = try await existingUpstream(upstream)
        let id = owner["id"]?.stringValue ?? upstream
        let targets = try await self.page(targetPath(upstream: id), page)
        let health = try await targetHealth(upstream: id)
        var records: [TargetRecord] = []
        for target in targets.data {
            let entity = try TargetMapping.entity(target)
            records.append(TargetRecord(entity: entity, upstream: upstream, health: health[entity.spec.target] ?? .off))
        }
        return Page(data: records, nextCursor: targets.next)
    }

    /// `PATCH` when the target exists (200), `POST` otherwise (201): Kong refuses a second POST.
    public func upsertTarget(_ spec: TargetSpec, upstream: String) async throws(GatewayError) -> Upserted<TargetRecord> {
        _ = try await existingUpstream(upstream)
        let current = try await find(targetPath(upstream: upstream, target: spec.target))
        let target: JSONValue
        if let current {
            let kept = KongTags.bookkeeping(current["tags"]?.strings ?? [])
            target = try await call(
                .PATCH, targetPath(upstream: upstream, target: spec.target), body: TargetMapping.kongBody(spec, keptTags: kept))
        } else {
            target = try await call(.POST, targetPath(upstream: upstream), body: TargetMapping.kongBody(spec))
        }
        return Upserted(try await targetRecord(target, upstream: upstream), created: current == nil)
    }

    public func setTargetWeight(upstream: String, target: String, weight: Int, ifMatch: String?) async throws(GatewayError)
        -> TargetRecord
    {
        let current = try await existingTarget(target, upstream: upstream)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        let address = try TargetMapping.entity(current).spec.target
        let updated = try await call(
            .PATCH, targetPath(upstream: upstream, target: address), body: ["weight": .int(weight)],
            notFound: "target '\(target)' does not exist in upstream '\(upstream)'")
        return try await targetRecord(updated, upstream: upstream)
    }

    public func deleteTarget(upstream: String, target: String, ifMatch: String?) async throws(GatewayError) {
        let current = try await existingTarget(target, upstream: upstream)
        try Precondition.check(ifMatch, current: try KongEntity.etag(ofEntity: current))
        try await call(.DELETE, targetPath(upstream: upstream, target: try TargetMapping.entity(current).spec.target))
    }

    public func upstreamHealth(named name: String) async throws(GatewayError) -> UpstreamHealthReport {
        UpstreamHealthReport(upstream: name, targets: try await upstream(named: name).targets)
    }

    /// `PUT .../healthy|unhealthy` on Kong 3.x, `POST` before 3.0. Kong marks a target
    /// only when the upstream has health checks on; otherwise the 400 says so.
    public func markTarget(upstream: String, target: String, healthy: Bool) async throws(GatewayError) -> TargetRecord {
        let owner = try await existingUpstream(upstream)
        let current = try await existingTarget(target, upstream: upstream)
        let address = try TargetMapping.entity(current).spec.target
        let info = try await nodeInfo()
        let path = targetPath(upstream: upstream, target: address) + (healthy ? "/healthy" : "/unhealthy")
        let response = try await send(info.marksWithPUT ? .PUT : .POST, path, body: .object([:]))
        if response.status == 400 {
            throw .invalid(
                field: "healthchecks",
                "upstream '\(upstream)' has no health checks on, and Kong marks targets only then (Kong said: "
                    + "\(response.message ?? "no healthchecker found")); enable active or passive health checks first")
        }
        guard response.isSuccess else {
            throw KongErrorTranslator(notFound: "target '\(target)' does not exist in upstream '\(upstream)'")
                .error(for: response, call: "\(info.marksWithPUT ? "PUT" : "POST") \(path)")
        }
        let health = try await targetHealth(upstream: owner["id"]?.stringValue ?? upstream)
        let entity = try TargetMapping.entity(current)
        return TargetRecord(entity: entity, upstream: upstream, health: health[address] ?? .off)
    }

    /// The health of an upstream's targets by address, from `GET /upstreams/{u}/health`.
    func targetHealth(upstream: String) async throws(GatewayError) -> [String: TargetHealth] {
        let response = try await send(.GET, KongPath.entity("upstreams", upstream) + "/health")
        guard response.isSuccess else { return [:] }
        var health: [String: TargetHealth] = [:]
        for entry in response.body["data"]?.arrayElements ?? [] {
            guard let address = entry["target"]?.stringValue.flatMap(TargetSpec.canonicalAddress) else { continue }
            health[address] = TargetMapping.health(entry["health"])
        }
        return health
    }

    private func targetRecord(_ target: JSONValue, upstream: String) async throws(GatewayError) -> TargetRecord {
        let entity = try TargetMapping.entity(target)
        let health = try await targetHealth(upstream: upstream)
        return TargetRecord(entity: entity, upstream: upstream, health: health[entity.spec.target] ?? .off)
    }
}
