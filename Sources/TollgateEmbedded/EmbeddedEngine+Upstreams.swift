import TollgateCore
import TollgateProxy
import TollgateStore

extension EmbeddedEngine {
    public func listUpstreams(_ page: PageRequest) async throws(GatewayError) -> Page<UpstreamRecord> {
        try await reading { session in
            let upstreams = try await session.upstreams(page)
            return Page(data: try await upstreamRecords(upstreams.items, session), nextCursor: upstreams.nextCursor)
        }
    }

    public func upstream(named name: String) async throws(GatewayError) -> UpstreamRecord {
        try await reading { session in try await upstreamRecord(session.existingUpstream(name), session) }
    }

    public func upsertUpstream(_ upsert: UpstreamUpsert, ifMatch: String?) async throws(GatewayError)
        -> Upserted<UpstreamRecord>
    {
        let write = try await writing { [self] transaction in
            try await storeUpstream(upsert, ifMatch: ifMatch, in: transaction)
        }
        forget(write.removedTargets)
        return write.upserted
    }

    public func deleteUpstream(named name: String, ifMatch: String?) async throws(GatewayError) {
        let upstream = try await writing { transaction in
            let upstream = try await transaction.existingUpstream(name)
            try Precondition.check(ifMatch, current: upstream.metadata.etag)
            try await Self.checkUnused(upstream: name, in: transaction)
            try await transaction.deleteUpstream(id: upstream.metadata.id)
            return upstream
        }
        healthRegistry.forget(upstream: upstream.metadata.id)
    }

    public func applyPreset(_ preset: Preset) async throws(GatewayError) -> Upserted<UpstreamRecord> {
        let write = try await writing { [self] transaction in
            let service = try await preset.service.asyncMap { try await transaction.referencedService($0, field: "service") }
            let write = try await storeUpstream(preset.upstream, ifMatch: nil, in: transaction)
            if let service {
                var spec = service.spec
                spec.host = preset.upstream.spec.name.lowercased()
                _ = try await transaction.replaceService(service.metadata, with: spec)
            }
            return write
        }
        forget(write.removedTargets)
        return write.upserted
    }

    /// What an upstream write did: the record, and the targets it removed (whose health state must go).
    struct UpstreamWrite: Sendable {
        var upserted: Upserted<UpstreamRecord>
        var removedTargets: [TargetKey]
    }

    /// Creates or replaces an upstream and, when the upsert has a target list, replaces its targets:
    /// kept addresses keep their ids, new ones are added, the others removed.
    private func storeUpstream(_ upsert: UpstreamUpsert, ifMatch: String?, in transaction: StoreTransaction) async throws
        -> UpstreamWrite
    {
        let current = try await transaction.upstream(named: upsert.spec.name)
        try Precondition.check(ifMatch, current: current?.metadata.etag)
        let upstream =
            if let current {
                try await transaction.replaceUpstream(current.metadata, with: upsert.spec)
            } else {
                try await transaction.insertUpstream(upsert.spec)
            }
        var removed: [TargetKey] = []
        if let targets = upsert.targets {
            let id = upstream.metadata.id
            let existing = try await transaction.targets(ofUpstreams: [id])[id] ?? []
            let kept = Dictionary(existing.map { ($0.spec.target, $0) }) { first, _ in first }
            for spec in targets {
                if let target = kept[spec.target] {
                    _ = try await transaction.replaceTarget(target.metadata, with: spec)
                } else {
                    _ = try await transaction.insertTarget(spec, upstream: id)
                }
            }
            let wanted = Set(targets.map(\.target))
            for target in existing where !wanted.contains(target.spec.target) {
                try await transaction.deleteTarget(id: target.metadata.id)
                removed.append(TargetKey(upstream: id, target: target.metadata.id))
            }
        }
        let record = try await upstreamRecord(upstream, transaction)
        return UpstreamWrite(upserted: Upserted(record, created: current == nil), removedTargets: removed)
    }

    /// Refuses (400 on `name`) to delete an upstream a service, a canary or a mirror sends traffic to.
    private static func checkUnused(upstream name: String, in store: some StoreReading) async throws {
        if let service = try await store.serviceNames(usingHost: name).first {
            throw GatewayError.invalid(field: "name", "is used by service '\(service)'")
        }
        if let service = try await store.serviceNames(withCanaryOn: name).first {
            throw GatewayError.invalid(field: "name", "is used by the canary of service '\(service)'")
        }
        if let route = try await store.routeNames(withMirrorOn: name).first {
            throw GatewayError.invalid(field: "name", "is used by the mirror of route '\(route)'")
        }
    }

    /// Drops the health state of removed targets.
    private func forget(_ targets: [TargetKey]) {
        for target in targets { healthRegistry.forget(target) }
    }
}
