import Foundation
import Testing
import TollgateCore
import TollgateProxy

@Suite("Consistent-hashing balancer")
struct ConsistentHashingBalancerTests {
    private let keys = BalancerFixtures.keys(10_000)

    private func balancer(_ targets: [BalancerTarget], registry: BalancerStateRegistry = BalancerStateRegistry())
        -> UpstreamBalancer
    {
        UpstreamBalancer(upstream: UUID(), algorithm: .consistentHashing, targets: targets, registry: registry)
    }

    @Test("two independently built rings send every key to the same address")
    func determinism() {
        let targets = BalancerFixtures.targets([100, 100, 50, 200, 100])
        let reordered = targets.reversed().map { BalancerTarget(id: UUID(), address: $0.address, weight: $0.weight) }
        #expect(balancer(targets).addresses(of: keys) == balancer(reordered).addresses(of: keys))
    }

    @Test("the same key always goes to the same target")
    func stickiness() {
        let balancer = balancer(BalancerFixtures.targets([100, 100, 100]))
        let key = HashKey(hashing: "session-42")
        let first = balancer.pick(hashKey: key)
        #expect((0..<100).allSatisfy { _ in balancer.pick(hashKey: key) == first })
    }

    @Test("keys spread over targets in proportion to weight")
    func distribution() {
        let equal = balancer(BalancerFixtures.targets([100, 100, 100, 100, 100])).addresses(of: keys)
        for count in Dictionary(grouping: equal, by: { $0 }).values.map(\.count) {
            #expect((1_700...2_300).contains(count), "a target got \(count) of 10,000 keys")
        }
        let weighted = balancer(BalancerFixtures.targets([100, 300])).addresses(of: keys)
        let light = weighted.filter { $0 == "10.0.0.1:8080" }.count
        #expect((2_200...2_800).contains(light), "weight 100 of 400 got \(light) of 10,000 keys")
    }

    @Test("removing a target moves only the keys that were on it")
    func removal() {
        let targets = BalancerFixtures.targets([100, 100, 100, 100, 100])
        let before = balancer(targets).addresses(of: keys)
        let removed = targets[2].address
        let after = balancer(targets.filter { $0.address != removed }).addresses(of: keys)
        let moved = zip(before, after).filter { $0 != $1 }
        #expect(moved.allSatisfy { $0.0 == removed })
        #expect(moved.count == before.filter { $0 == removed }.count)
        #expect(Set(moved.map(\.1)).count == 4, "the removed target's keys spread over all the others")
    }

    @Test("adding a target moves about a sixth of the keys, all to the new target")
    func addition() {
        let targets = BalancerFixtures.targets([100, 100, 100, 100, 100])
        let before = balancer(targets).addresses(of: keys)
        let added = BalancerTarget(id: UUID(), address: "10.0.1.1:8080", weight: 100)
        let after = balancer(targets + [added]).addresses(of: keys)
        let moved = zip(before, after).filter { $0 != $1 }
        #expect(moved.allSatisfy { $0.1 == added.address })
        #expect((1_300...2_100).contains(moved.count), "\(moved.count) of 10,000 keys moved")
    }

    @Test("an unusable target's keys go where they would if it were removed; other keys stay")
    func unusableWalksToNextTarget() {
        let targets = BalancerFixtures.targets([100, 50, 100, 200, 100])
        let skipping = balancer(targets).addresses(of: keys) { $0 != 3 }
        let removed = balancer(targets.enumerated().filter { $0.offset != 3 }.map(\.element)).addresses(of: keys)
        #expect(skipping == removed)
    }

    @Test("no pick when no target is usable; a target of weight 0 gets no key")
    func noneUsable() {
        let balancer = balancer(BalancerFixtures.targets([100, 0, 100]))
        #expect(balancer.addresses(of: keys) { _ in false }.allSatisfy { $0 == nil })
        #expect(!balancer.addresses(of: keys).contains("10.0.0.2:8080"))
        #expect(self.balancer(BalancerFixtures.targets([0, 0])).pick(hashKey: keys[0]) == nil)
        #expect(self.balancer([]).pick(hashKey: keys[0]) == nil)
    }

    @Test("a request without a hash input falls back to round-robin")
    func missingKeyFallsBack() {
        #expect(balancer(BalancerFixtures.targets([60, 30, 10])).counts(picks: 300) == [180, 90, 30])
    }
}
