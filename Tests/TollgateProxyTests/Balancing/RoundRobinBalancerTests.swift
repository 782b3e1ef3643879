import Foundation
import Testing
import TollgateCore
import TollgateProxy

@Suite("Round-robin balancer")
struct RoundRobinBalancerTests {
    private let upstream = UUID()
    private let registry = BalancerStateRegistry()

    private func balancer(_ targets: [BalancerTarget]) -> UpstreamBalancer {
        UpstreamBalancer(upstream: upstream, algorithm: .roundRobin, targets: targets, registry: registry)
    }

    @Test("weights 60/30/10 give exactly 180/90/30 of 300 picks")
    func exactRatios() {
        #expect(balancer(BalancerFixtures.targets([60, 30, 10])).counts(picks: 300) == [180, 90, 30])
    }

    @Test("heavy targets are interleaved with light ones (5/1/1 gives a a b a c a a)")
    func smoothSequence() {
        let balancer = balancer(BalancerFixtures.targets([5, 1, 1]))
        let sequence = (0..<14).map { _ in balancer.pick() }
        #expect(sequence == [0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0])
    }

    @Test("a target of weight 0 gets nothing; only weights of 0 give no pick")
    func weightZero() {
        #expect(balancer(BalancerFixtures.targets([0, 10, 0, 30])).counts(picks: 40) == [0, 10, 0, 30])
        #expect(balancer(BalancerFixtures.targets([0, 0])).pick() == nil)
        #expect(balancer([]).pick() == nil)
    }

    @Test("an unusable target is skipped and the others keep their ratio")
    func unusableSkipped() {
        let balancer = balancer(BalancerFixtures.targets([60, 30, 10]))
        #expect(balancer.counts(picks: 70) { $0 != 1 } == [60, 0, 10])
    }

    @Test("no pick when no target is usable")
    func noneUsable() {
        #expect(balancer(BalancerFixtures.targets([60, 30, 10])).pick(hashKey: nil) { _ in false } == nil)
    }

    @Test("a balancer rebuilt before every pick continues the sequence")
    func continuityAcrossSnapshots() {
        let targets = BalancerFixtures.targets([60, 30, 10])
        var counts = [0, 0, 0]
        for _ in 0..<300 {
            counts[balancer(targets).pick()!] += 1
        }
        #expect(counts == [180, 90, 30])
    }

    @Test("a weight change mid-sequence keeps the new ratio within one pick")
    func weightChange() {
        let before = BalancerFixtures.targets([50, 50])
        _ = balancer(before).counts(picks: 101)
        let after = zip(before, [75, 25]).map { BalancerTarget(id: $0.id, address: $0.address, weight: $1) }
        var counts = [0, 0]
        for _ in 0..<400 {
            counts[balancer(after).pick()!] += 1
        }
        #expect(abs(counts[0] - 300) <= 1 && abs(counts[1] - 100) <= 1, "counts: \(counts)")
    }

    @Test("a target added mid-sequence gets its share from its first pick on")
    func targetAdded() {
        let first = BalancerFixtures.targets([100, 100])
        _ = balancer(first).counts(picks: 51)
        let added = BalancerTarget(id: UUID(), address: "10.0.0.9:8080", weight: 100)
        let counts = balancer(first + [added]).counts(picks: 300)
        #expect(counts.allSatisfy { abs($0 - 100) <= 1 }, "counts: \(counts)")
    }

    @Test("upstreams have separate sequences")
    func separateUpstreams() {
        let targets = BalancerFixtures.targets([2, 1])
        let other = UpstreamBalancer(upstream: UUID(), algorithm: .roundRobin, targets: targets, registry: registry)
        #expect(balancer(targets).pick() == 0)
        #expect(other.pick() == 0)
    }
}
