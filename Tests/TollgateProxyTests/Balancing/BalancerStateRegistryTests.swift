import Foundation
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("BalancerStateRegistry")
struct BalancerStateRegistryTests {
    private let registry = BalancerStateRegistry()

    @Test("retain forgets removed targets and upstreams and keeps the live ones")
    func retain() {
        let kept = UUID()
        let dropped = UUID()
        let targets = BalancerFixtures.targets([100, 100])
        let balancer = UpstreamBalancer(upstream: kept, algorithm: .roundRobin, targets: targets, registry: registry)
        _ = UpstreamBalancer(upstream: dropped, algorithm: .roundRobin, targets: targets, registry: registry)
        let open = balancer.acquire(0)
        #expect(registry.trackedCounts == (2, 4))

        registry.retain(targets: [TargetKey(upstream: kept, target: targets[0].id)])
        #expect(registry.trackedCounts == (1, 1))
        #expect(registry.activeRequests(for: TargetKey(upstream: kept, target: targets[0].id)) == 1)
        open.release()
        #expect(registry.activeRequests(for: TargetKey(upstream: kept, target: targets[0].id)) == 0)
    }

    @Test("retain keeps the round-robin position of live targets")
    func retainKeepsSequence() {
        let upstream = UUID()
        let targets = BalancerFixtures.targets([60, 30, 10])
        var counts = [0, 0, 0]
        for _ in 0..<300 {
            let balancer = UpstreamBalancer(
                upstream: upstream, algorithm: .roundRobin, targets: targets, registry: registry)
            counts[balancer.pick()!] += 1
            registry.retain(targets: Set(targets.map { TargetKey(upstream: upstream, target: $0.id) }))
        }
        #expect(counts == [180, 90, 30])
    }

    @Test("a target that replaces a forgotten one starts from zero in the reused slot")
    func reusedSlotStartsFresh() {
        let upstream = UUID()
        let targets = BalancerFixtures.targets([1, 1])
        let first = UpstreamBalancer(upstream: upstream, algorithm: .roundRobin, targets: targets, registry: registry)
        #expect(first.pick() == 0)
        registry.retain(targets: [TargetKey(upstream: upstream, target: targets[1].id)])
        let replacement = BalancerTarget(id: UUID(), address: "10.0.0.3:8080", weight: 1)
        let second = UpstreamBalancer(
            upstream: upstream, algorithm: .roundRobin, targets: [replacement, targets[1]], registry: registry)
        // The surviving target is ahead by its unpicked weight; the newcomer starts at 0.
        #expect(second.counts(picks: 4) == [2, 2])
        #expect(registry.trackedCounts.upstreams == 1)
    }

    @Test("retain(liveIn:) keeps exactly the targets of the configuration")
    func retainLiveInConfig() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        func metadata() -> EntityMetadata { EntityMetadata(id: UUID(), createdAt: date, updatedAt: date, etag: "1") }
        let upstream = Entity(metadata: metadata(), spec: UpstreamSpec(name: "shop", algorithm: .leastConnections))
        let target = Entity(metadata: metadata(), spec: TargetSpec(target: "127.0.0.1:8080", weight: 50))
        let balancer = UpstreamBalancer(upstream: upstream, targets: [target], registry: registry)
        #expect(balancer.algorithm == .leastConnections)
        #expect(balancer.targets == [BalancerTarget(id: target.metadata.id, address: "127.0.0.1:8080", weight: 50)])
        _ = UpstreamBalancer(
            upstream: UUID(), algorithm: .roundRobin, targets: BalancerFixtures.targets([1]), registry: registry)
        let owner = GatewayConfig.Owner(id: upstream.metadata.id, name: "shop")
        let config = GatewayConfig(
            version: 1, services: [], routes: [], plugins: [], upstreams: [upstream],
            targets: [GatewayConfig.Owned(entity: target, owner: owner)], tenantRateLimits: [], canaries: [],
            mirrors: [])
        registry.retain(liveIn: config)
        #expect(registry.trackedCounts == (1, 1))
    }

    @Test("concurrent picks and requests keep exact ratios and balanced counts", arguments: [
        UpstreamSpec.Algorithm.roundRobin, .leastConnections,
    ])
    func concurrency(algorithm: UpstreamSpec.Algorithm) async {
        let targets = BalancerFixtures.targets([60, 30, 10])
        let balancer = UpstreamBalancer(upstream: UUID(), algorithm: algorithm, targets: targets, registry: registry)
        let counts = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var counts = [0, 0, 0]
                    for _ in 0..<3_000 {
                        guard let index = balancer.pick() else { continue }
                        counts[index] += 1
                        balancer.acquire(index).release()
                    }
                    return counts
                }
            }
            return await group.reduce(into: [0, 0, 0]) { total, counts in
                for index in total.indices { total[index] += counts[index] }
            }
        }
        #expect(counts.reduce(0, +) == 24_000)
        if algorithm == .roundRobin { #expect(counts == [14_400, 7_200, 2_400]) }
        #expect(targets.indices.allSatisfy { balancer.activeRequests($0) == 0 })
    }
}
