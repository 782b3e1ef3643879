import Benchmark
import BenchmarkSupport
import Foundation
import TollgateCore
import TollgateProxy

/// Balancer budgets: a pick in at most 100 ns with no allocation, for every
/// algorithm; the contended round-robin cases show what one mutex per upstream
/// costs when two event loops pick from the same upstream at once.
let benchmarks: @Sendable () -> Void = {
    Benchmark.useTollgateDefaults()

    let registry = BalancerStateRegistry()
    let keys = (0..<1_024).map { HashKey(hashing: "session-\($0)") }

    func targets(_ count: Int) -> [BalancerTarget] {
        (0..<count).map { BalancerTarget(id: UUID(), address: "10.0.\($0 / 250).\($0 % 250):8080", weight: 100) }
    }

    func balancer(_ algorithm: UpstreamSpec.Algorithm, targets count: Int) -> UpstreamBalancer {
        UpstreamBalancer(upstream: UUID(), algorithm: algorithm, targets: targets(count), registry: registry)
    }

    for algorithm in UpstreamSpec.Algorithm.allCases {
        for count in [3, 10] {
            let balancer = balancer(algorithm, targets: count)
            Benchmark("pick \(algorithm.rawValue), \(count) targets") { benchmark in
                for iteration in benchmark.scaledIterations {
                    blackHole(balancer.pick(hashKey: keys[iteration & 1_023]) { _ in true })
                }
            }
        }
    }

    let unhealthy = balancer(.consistentHashing, targets: 10)
    Benchmark("pick consistent-hashing, 10 targets, 3 unusable") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(unhealthy.pick(hashKey: keys[iteration & 1_023]) { $0 % 3 != 0 })
        }
    }

    let leastConnections = balancer(.leastConnections, targets: 10)
    Benchmark("pick least-connections, 10 targets, with acquire and release") { benchmark in
        for _ in benchmark.scaledIterations {
            if let index = leastConnections.pick(hashKey: nil, isUsable: { _ in true }) {
                leastConnections.acquire(index).release()
            }
        }
    }

    Benchmark("hash key of a 36-byte header value") { benchmark in
        let value = UUID().uuidString
        for _ in benchmark.scaledIterations {
            blackHole(HashKey(hashing: value))
        }
    }

    // Two threads picking: from one shared upstream (its mutex contended) and
    // from one upstream each (the same work, uncontended). Time is per pick.
    let shared = balancer(.roundRobin, targets: 10)
    let separate = [balancer(.roundRobin, targets: 10), balancer(.roundRobin, targets: 10)]
    for (name, balancers) in [("one shared upstream", [shared, shared]), ("one upstream each", separate)] {
        Benchmark(
            "pick round-robin, 10 targets, 2 threads, \(name)",
            configuration: .init(scalingFactor: .mega)
        ) { benchmark in
            benchmark.onTwoThreads { thread, _ in
                blackHole(balancers[thread].pick(hashKey: nil) { _ in true })
            }
        }
    }

    // One upstream id throughout, as when a snapshot is recompiled: its
    // registry state is created once, so the figures are the ring's.
    let thousand = targets(1_000)
    let rebuilt = UUID()
    Benchmark(
        "build consistent-hashing balancer, 1,000 targets",
        configuration: .init(timeUnits: .milliseconds, scalingFactor: .one)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                UpstreamBalancer(
                    upstream: rebuilt, algorithm: .consistentHashing, targets: thousand, registry: registry))
        }
    }
}
