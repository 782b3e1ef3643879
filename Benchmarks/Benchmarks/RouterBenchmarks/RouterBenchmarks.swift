import Benchmark
import BenchmarkSupport
import TollgateProxy

/// Router budgets (issue 3): a match among 10,000 routes in at most 1 µs median with
/// no allocation; building the table of 10,000 routes in at most 200 ms.
let benchmarks: @Sendable () -> Void = {
    Benchmark.useTollgateDefaults()

    let entries = RouterWorkload.entries()
    let table = RouteTable(routes: entries)

    for shape in RouterWorkload.Shape.allCases {
        let requests = RouterWorkload.requests(shape)
        Benchmark("match 10k routes: \(shape.rawValue)") { benchmark in
            for iteration in benchmark.scaledIterations {
                blackHole(table.match(requests[iteration & 1_023]))
            }
        }
    }

    let mixed = RouterWorkload.Shape.allCases.filter { $0 != .noMatch && $0 != .normalisation }
        .flatMap(RouterWorkload.requests)
    Benchmark("match 10k routes + upstream target: mixed") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(table.match(mixed[iteration % mixed.count])?.upstreamTarget)
        }
    }

    Benchmark(
        "build table of 10k routes",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
            timeUnits: .milliseconds,
            scalingFactor: .one,
            maxDuration: .seconds(10),
            maxIterations: 20
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RouteTable(routes: entries))
        }
    }
}
