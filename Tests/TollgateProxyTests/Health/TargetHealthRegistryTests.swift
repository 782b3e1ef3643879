import Foundation
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("TargetHealthRegistry")
struct TargetHealthRegistryTests {
    private let upstream = UUID()
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a target nothing decided reports HEALTHCHECKS_OFF without checks and HEALTHY with them, source none")
    func undecidedTarget() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        #expect(registry.health(of: key, checksEnabled: false) == .off)
        #expect(registry.health(of: key, checksEnabled: true) == TargetHealth(state: .healthy, source: .none, since: nil))
        _ = registry.cell(for: key)
        #expect(registry.health(of: key, checksEnabled: false) == .off)
        #expect(registry.health(of: key, checksEnabled: true).state == .healthy)
    }

    @Test("a manual mark is reported with source manual and the time it was set, checks or not")
    func manualMarks() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        registry.mark(key, healthy: false, at: start)
        #expect(registry.health(of: key, checksEnabled: false) == TargetHealth(state: .unhealthy, source: .manual, since: start))
        registry.mark(key, healthy: true, at: start + 5)
        #expect(registry.health(of: key, checksEnabled: true) == TargetHealth(state: .healthy, source: .manual, since: start + 5))
    }

    @Test("marking a target with the state it has keeps the original since")
    func repeatedMarkKeepsSince() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        registry.mark(key, healthy: false, at: start)
        registry.mark(key, healthy: false, at: start + 60)
        #expect(registry.health(of: key, checksEnabled: false).since == start)
    }

    @Test("a mark takes effect on the cell a snapshot already holds")
    func markReachesCompiledCell() {
        let registry = TargetHealthRegistry()
        let key = TargetKey(upstream: upstream, target: UUID())
        let cell = registry.cell(for: key)
        #expect(cell.admitsTraffic())
        registry.mark(key, healthy: false, at: start)
        #expect(!cell.admitsTraffic())
        registry.mark(key, healthy: true, at: start)
        #expect(cell.admitsTraffic())
    }

    @Test("marks are per target: other targets of the upstream are unaffected")
    func marksArePerTarget() {
        let registry = TargetHealthRegistry()
        let marked = TargetKey(upstream: upstream, target: UUID())
        let other = TargetKey(upstream: upstream, target: UUID())
        registry.mark(marked, healthy: false, at: start)
        #expect(registry.health(of: other, checksEnabled: false) == .off)
    }

    @Test("forgetting a target drops and retires its state; forgetting an upstream drops all of its targets'")
    func forgetting() {
        let registry = TargetHealthRegistry()
        let first = TargetKey(upstream: upstream, target: UUID())
        let second = TargetKey(upstream: upstream, target: UUID())
        let elsewhere = TargetKey(upstream: UUID(), target: UUID())
        for key in [first, second, elsewhere] { registry.mark(key, healthy: false, at: start) }
        let firstCell = registry.cell(for: first)

        registry.forget(first)
        #expect(firstCell.isRetired)
        #expect(registry.health(of: first, checksEnabled: false) == .off)
        #expect(registry.health(of: second, checksEnabled: false).state == .unhealthy)
        #expect(registry.cell(for: first) !== firstCell, "a target added again starts fresh")

        registry.forget(upstream: upstream)
        #expect(registry.health(of: second, checksEnabled: false) == .off)
        #expect(registry.health(of: elsewhere, checksEnabled: false).state == .unhealthy)
    }

    @Test("retaining a configuration drops the state of targets it does not have and keeps the others'")
    func retainLiveTargets() {
        let registry = TargetHealthRegistry()
        var builder = ConfigBuilder()
        let keys = builder.add(UpstreamSpec(name: "pool"), targets: [TargetSpec(target: "a:80"), TargetSpec(target: "b:80")])
        var config = builder.build()
        for key in keys { registry.mark(key, healthy: false, at: start) }
        let removed = registry.cell(for: keys[1])
        config.targets.removeAll { $0.entity.metadata.id == keys[1].target }

        registry.retain(liveIn: config)
        #expect(registry.health(of: keys[0], checksEnabled: false).state == .unhealthy)
        #expect(registry.health(of: keys[1], checksEnabled: false) == .off)
        #expect(removed.isRetired)
    }

    @Test("routed upstreams without a usable target of weight above 0 are reported by name")
    func routedUpstreamsWithoutUsableTarget() {
        let registry = TargetHealthRegistry()
        var builder = ConfigBuilder()
        let used = builder.add(UpstreamSpec(name: "Used"), targets: [TargetSpec(target: "a:80"), TargetSpec(target: "b:80")])
        let unrouted = builder.add(UpstreamSpec(name: "unrouted"), targets: [TargetSpec(target: "c:80")])
        builder.add(UpstreamSpec(name: "drained"), targets: [TargetSpec(target: "d:80", weight: 0)])
        builder.add(.balanced("svc", upstream: "used"), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(.balanced("other", upstream: "drained"), routes: [RouteSpec(name: "o", paths: ["/o"])])
        registry.watchRoutedUpstreams(of: builder.build())
        #expect(registry.routedUpstreamsWithoutUsableTarget() == ["drained"])

        registry.mark(unrouted[0], healthy: false, at: start)
        registry.mark(used[0], healthy: false, at: start)
        #expect(registry.routedUpstreamsWithoutUsableTarget() == ["drained"])
        registry.mark(used[1], healthy: false, at: start)
        #expect(registry.routedUpstreamsWithoutUsableTarget() == ["Used", "drained"])
        registry.mark(used[1], healthy: true, at: start)
        #expect(registry.routedUpstreamsWithoutUsableTarget() == ["drained"])
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
                        _ = registry.health(of: keys[(index + round) % keys.count], checksEnabled: true)
                    }
                }
            }
        }
        #expect(keys.allSatisfy { registry.health(of: $0, checksEnabled: false).state == .healthy })
    }
}
