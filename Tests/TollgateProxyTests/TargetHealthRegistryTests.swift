import Foundation
import Testing
import TollgateCore
import TollgateProxy

@Suite("TargetHealthRegistry")
struct TargetHealthRegistryTests {
    private let upstream = UUID()
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a target without a mark reports health checks off")
    func unmarkedTargetIsOff() {
        let registry = TargetHealthRegistry()
        #expect(registry.health(of: TargetKey(upstream: upstream, target: UUID())) == .off)
    }

    @Test("a manual mark is reported with source manual and the time it was set")
    func manualMarks() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        registry.mark(key, healthy: false, at: start)
        #expect(registry.health(of: key) == TargetHealth(state: .unhealthy, source: .manual, since: start))
        registry.mark(key, healthy: true, at: start + 5)
        #expect(registry.health(of: key) == TargetHealth(state: .healthy, source: .manual, since: start + 5))
    }

    @Test("marking a target with the state it has keeps the original since")
    func repeatedMarkKeepsSince() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        registry.mark(key, healthy: false, at: start)
        registry.mark(key, healthy: false, at: start + 60)
        #expect(registry.health(of: key).since == start)
    }

    @Test("marks are per target: other targets of the upstream are unaffected")
    func marksArePerTarget() {
        let registry = TargetHealthRegistry()
        let marked = TargetKey(upstream: upstream, target: UUID())
        let other = TargetKey(upstream: upstream, target: UUID())
        registry.mark(marked, healthy: false, at: start)
        #expect(registry.health(of: other) == .off)
    }

    @Test("forgetting a target drops its state; forgetting an upstream drops all of its targets'")
    func forgetting() {
        let registry = TargetHealthRegistry()
        let first = TargetKey(upstream: upstream, target: UUID())
        let second = TargetKey(upstream: upstream, target: UUID())
        let elsewhere = TargetKey(upstream: UUID(), target: UUID())
        for key in [first, second, elsewhere] { registry.mark(key, healthy: false, at: start) }

        registry.forget(first)
        #expect(registry.health(of: first) == .off)
        #expect(registry.health(of: second).state == .unhealthy)

        registry.forget(upstream: upstream)
        #expect(registry.health(of: second) == .off)
        #expect(registry.health(of: elsewhere).state == .unhealthy)
    }

    @Test("concurrent marks and reads from many tasks are safe and the last mark of each target wins")
    func concurrentUse() async {
        let registry = TargetHealthRegistry()
        let keys = (0..<32).map { _ in TargetKey(upstream: upstream, target: UUID()) }
        await withTaskGroup(of: Void.self) { group in
            for (index, key) in keys.enumerated() {
                group.addTask {
                    for round in 0..<100 {
                        registry.mark(key, healthy: round % 2 == 1, at: Date(timeIntervalSince1970: TimeInterval(index)))
                        _ = registry.health(of: keys[(index + round) % keys.count])
                    }
                }
            }
        }
        #expect(keys.allSatisfy { registry.health(of: $0).state == .healthy })
    }
}
