import Foundation
import TollgateCore

@testable import TollgateProxy

/// Health-check configurations and pools of test upstreams for the health tests.
enum HealthFixtures {
    /// Fast probe cycles, so that tests wait tenths of seconds.
    static let interval = 0.1

    /// Active checks of `/health` every ``interval`` (on each side unless given).
    static func active(
        type: Healthchecks.Active.ProbeType = .http, healthyInterval: Double = interval,
        unhealthyInterval: Double = interval, successes: Int = 2, httpFailures: Int = 2, tcpFailures: Int = 2,
        timeouts: Int = 2, timeout: Double = 1, concurrency: Int = 10, verifyCertificate: Bool = true
    ) -> Healthchecks {
        var checks = Healthchecks()
        checks.active.type = type
        checks.active.httpPath = "/health"
        checks.active.timeoutS = timeout
        checks.active.concurrency = concurrency
        checks.active.httpsVerifyCertificate = verifyCertificate
        checks.active.healthy.intervalS = healthyInterval
        checks.active.healthy.successes = successes
        checks.active.unhealthy.intervalS = unhealthyInterval
        checks.active.unhealthy.httpStatuses = [500, 503]
        checks.active.unhealthy.httpFailures = httpFailures
        checks.active.unhealthy.tcpFailures = tcpFailures
        checks.active.unhealthy.timeouts = timeouts
        return checks
    }

    /// Passive checks only.
    static func passive(httpFailures: Int = 3, tcpFailures: Int = 2, timeouts: Int = 1, successes: Int = 0) -> Healthchecks {
        var checks = Healthchecks()
        checks.passive.unhealthy.httpStatuses = [500, 503]
        checks.passive.unhealthy.httpFailures = httpFailures
        checks.passive.unhealthy.tcpFailures = tcpFailures
        checks.passive.unhealthy.timeouts = timeouts
        checks.passive.healthy.successes = successes
        return checks
    }

    /// Starts one test upstream per name.
    static func servers(_ names: String...) async throws -> [TestUpstream] {
        var result: [TestUpstream] = []
        for name in names { result.append(try await TestUpstream.start(name: name)) }
        return result
    }

    /// A configuration routing `/` (service `svc`) to upstream `pool` over `addresses`; returns the target keys in order.
    static func pool(
        _ addresses: [String], checks: Healthchecks, algorithm: UpstreamSpec.Algorithm = .roundRobin,
        hashOnHeader: String? = nil, retries: Int = 5, readTimeoutMs: Int = 10_000
    ) -> (ConfigBuilder, [TargetKey]) {
        var builder = ConfigBuilder()
        let keys = builder.add(
            UpstreamSpec(
                name: "pool", algorithm: algorithm, hashOn: hashOnHeader == nil ? .none : .header,
                hashOnHeader: hashOnHeader, healthchecks: checks),
            targets: addresses.map { TargetSpec(target: $0) })
        builder.add(
            .balanced("svc", upstream: "pool", retries: retries, readTimeoutMs: readTimeoutMs),
            routes: [RouteSpec(name: "r", paths: ["/"])])
        return (builder, keys)
    }

    /// How many probes a test upstream has answered.
    static func probes(of server: TestUpstream) -> Int {
        server.log.requests.filter { $0.uri == "/health" }.count
    }
}

extension GatewayConfig {
    /// This configuration without the target `key`.
    func removing(_ key: TargetKey) -> GatewayConfig {
        var config = self
        config.targets.removeAll { $0.entity.metadata.id == key.target }
        config.version += 1
        return config
    }

    /// This configuration with a new target (a new id) at `address` in the upstream of `sibling`; returns its key.
    func adding(_ address: String, besides sibling: TargetKey) -> (GatewayConfig, TargetKey) {
        var config = self
        let owner = config.targets.first { $0.owner.id == sibling.upstream }?.owner
            ?? GatewayConfig.Owner(id: sibling.upstream, name: "pool")
        let now = Date()
        let entity = Entity(
            metadata: EntityMetadata(id: UUID(), createdAt: now, updatedAt: now, etag: UUID().uuidString),
            spec: TargetSpec(target: address))
        config.targets.append(.init(entity: entity, owner: owner))
        config.version += 1
        return (config, TargetKey(upstream: sibling.upstream, target: entity.metadata.id))
    }
}
