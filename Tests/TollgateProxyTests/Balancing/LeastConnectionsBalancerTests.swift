import Foundation
import Testing
import TollgateCore
import TollgateProxy

@Suite("Least-connections balancer")
struct LeastConnectionsBalancerTests {
    private let upstream = UUID()
    private let registry = BalancerStateRegistry()

    private func balancer(_ targets: [BalancerTarget]) -> UpstreamBalancer {
        UpstreamBalancer(upstream: upstream, algorithm: .leastConnections, targets: targets, registry: registry)
    }

    /// Picks `count` times, holding every request open; returns the tokens and the counts per target.
    private func hold(_ count: Int, on balancer: UpstreamBalancer) -> (tokens: [ActiveRequestToken], counts: [Int]) {
        var tokens: [ActiveRequestToken] = []
        var counts = Array(repeating: 0, count: balancer.targets.count)
        for _ in 0..<count {
            guard let index = balancer.pick() else { continue }
            counts[index] += 1
            tokens.append(balancer.acquire(index))
        }
        return (tokens, counts)
    }

    @Test("new requests avoid a slow target that holds many open requests")
    func slowTarget() {
        let balancer = balancer(BalancerFixtures.targets([100, 100, 100]))
        let slow = (0..<10).map { _ in balancer.acquire(0) }
        let (_, counts) = hold(20, on: balancer)
        #expect(counts == [0, 10, 10])
        slow.forEach { $0.release() }
        #expect(balancer.activeRequests(0) == 0)
        #expect(balancer.pick() == 0)
    }

    @Test("open requests are spread in proportion to weight")
    func weighted() {
        let (_, counts) = hold(30, on: balancer(BalancerFixtures.targets([200, 100])))
        #expect(abs(counts[0] - 20) <= 1 && counts.reduce(0, +) == 30, "counts: \(counts)")
    }

    @Test("idle targets of equal weight take turns")
    func tiesTakeTurns() {
        let balancer = balancer(BalancerFixtures.targets([100, 100, 100]))
        var counts = [0, 0, 0]
        for _ in 0..<300 {
            let index = balancer.pick()!
            counts[index] += 1
            balancer.acquire(index).release()
        }
        #expect(counts == [100, 100, 100])
    }

    @Test("requests open on an old snapshot count for the new one")
    func countsOutliveSnapshots() {
        let targets = BalancerFixtures.targets([100, 100])
        let old = balancer(targets)
        let open = (0..<5).map { _ in old.acquire(1) }
        let new = balancer(targets)
        #expect(new.activeRequests(1) == 5)
        #expect(registry.activeRequests(for: TargetKey(upstream: upstream, target: targets[1].id)) == 5)
        #expect((0..<4).allSatisfy { _ in new.pick() == 0 })
        open.forEach { $0.release() }
    }

    @Test("unusable and weight-0 targets are skipped; no pick when none is left")
    func unusable() {
        let balancer = balancer(BalancerFixtures.targets([100, 0, 100]))
        #expect(balancer.counts(picks: 10) { $0 != 0 } == [0, 0, 10])
        #expect(balancer.pick(hashKey: nil) { $0 == 1 } == nil)
    }
}
