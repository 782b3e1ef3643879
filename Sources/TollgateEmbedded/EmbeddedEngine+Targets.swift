import TollgateCore
import TollgateProxy
import TollgateStore

extension EmbeddedEngine {
    public func listTargets(upstream: String, _ page: PageRequest) async throws(GatewayError) -> Page<TargetRecord> {
        try await reading { session in
            let upstream = try await session.existingUpstream(upstream)
            let targets = try await session.targets(ofUpstream: upstream.metadata.id, page)
            return Page(data: targets.items.map { targetRecord($0, of: upstream) }, nextCursor: targets.nextCursor)
        }
    }

    public func upsertTarget(_ spec: TargetSpec, upstream: String) async throws(GatewayError) -> Upserted<TargetRecord> {
        try await writing { [self] transaction in
            let upstream = try await transaction.existingUpstream(upstream)
            let current = try await transaction.target(upstream: upstream.metadata.id, address: spec.target)
            let target =
                if let current {
                    try await transaction.replaceTarget(current.metadata, with: spec)
                } else {
                    try await transaction.insertTarget(spec, upstream: upstream.metadata.id)
                }
            return Upserted(targetRecord(target, of: upstream), created: current == nil)
        }
    }

    public func setTargetWeight(upstream: String, target: String, weight: Int, ifMatch: String?) async throws(GatewayError)
        -> TargetRecord
    {
        try await writing { [self] transaction in
            let upstream = try await transaction.existingUpstream(upstream)
            let target = try await transaction.existingTarget(target, of: upstream)
            try Precondition.check(ifMatch, current: target.metadata.etag)
            var spec = target.spec
            spec.weight = weight
            return targetRecord(try await transaction.replaceTarget(target.metadata, with: spec), of: upstream)
        }
    }

    public func deleteTarget(upstream: String, target: String, ifMatch: String?) async throws(GatewayError) {
        let key = try await writing { transaction in
            let upstream = try await transaction.existingUpstream(upstream)
            let target = try await transaction.existingTarget(target, of: upstream)
            try Precondition.check(ifMatch, current: target.metadata.etag)
            try await transaction.deleteTarget(id: target.metadata.id)
            return TargetKey(upstream: upstream.metadata.id, target: target.metadata.id)
        }
        healthRegistry.forget(key)
    }

    public func upstreamHealth(named name: String) async throws(GatewayError) -> UpstreamHealthReport {
        let upstream = try await upstream(named: name)
        return UpstreamHealthReport(upstream: name, targets: upstream.targets)
    }

    public func markTarget(upstream: String, target: String, healthy: Bool) async throws(GatewayError) -> TargetRecord {
        let (upstream, target) = try await reading { session in
            let upstream = try await session.existingUpstream(upstream)
            return (upstream, try await session.existingTarget(target, of: upstream))
        }
        healthRegistry.mark(TargetKey(upstream: upstream.metadata.id, target: target.metadata.id), healthy: healthy, at: Timestamp.now())
        return targetRecord(target, of: upstream)
    }
}
