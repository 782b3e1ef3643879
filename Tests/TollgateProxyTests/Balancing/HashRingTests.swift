import Foundation
import Testing

@testable import TollgateProxy

@Suite("HashRing")
struct HashRingTests {
    @Test("each target gets points in proportion to its weight, weight 0 none")
    func pointsFollowWeight() {
        #expect(HashRing(targets: BalancerFixtures.targets([1, 3, 0])).count == 4 * HashRing.pointsPerWeight)
        #expect(HashRing(targets: BalancerFixtures.targets([100])).count == 100 * HashRing.pointsPerWeight)
        #expect(HashRing(targets: []).count == 0)
    }

    @Test("a ring of 1,000 targets is halved into the point budget and still spreads keys")
    func largeRing() {
        let targets = (0..<1_000).map {
            BalancerTarget(id: UUID(), address: "10.1.\($0 / 250).\($0 % 250):80", weight: 100)
        }
        let ring = HashRing(targets: targets)
        #expect((HashRing.maxPoints / 2...HashRing.maxPoints).contains(ring.count))
        let used = Set(BalancerFixtures.keys(10_000).compactMap { ring.target(for: $0) { _ in true } })
        #expect(used.count > 990, "only \(used.count) of 1,000 targets got a key")
    }

    @Test("walking past unusable targets stops once every target was refused")
    func allRefused() {
        let ring = HashRing(targets: BalancerFixtures.targets([100, 100, 100]))
        var asked: [Int] = []
        #expect(ring.target(for: HashKey(value: 7)) { asked.append($0); return false } == nil)
        #expect(asked.sorted() == [0, 1, 2])
    }
}
