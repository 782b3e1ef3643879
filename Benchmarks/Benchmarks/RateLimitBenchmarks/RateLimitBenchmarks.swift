import Benchmark
import BenchmarkSupport
import NIOCore
import TollgateCore
import TollgateProxy

/// Rate-limit budget: a decision (shard pick, window update, verdict) in at most
/// 200 ns median for each algorithm, with no allocation. The limits are never
/// reached, as for a tenant that stays within its plan; two threads deciding for
/// different tenants show that shards keep event loops from waiting on each other.
let benchmarks: @Sendable () -> Void = {
    Benchmark.useTollgateDefaults()

    let tenants = (0..<1_024).map { "tenant-\($0)" }
    let windows = RateLimitWindows(limits: [.second: 1_000_000_000, .minute: 60_000_000_000, .hour: 3_600_000_000_000])

    for algorithm in RateLimitWindows.Algorithm.allCases {
        let limiter = RateLimiter()
        let policy = RateLimitPolicy(windows: windows, algorithm: algorithm)
        Benchmark("decision \(algorithm.rawValue), 3 windows, 1,024 tenants") { benchmark in
            for iteration in benchmark.scaledIterations {
                blackHole(limiter.admit(tenants[iteration & 1_023], policy: policy, now: .now()))
            }
        }
    }

    let shared = RateLimitPolicy(windows: windows)
    let limiter = RateLimiter()
    Benchmark(
        "decision sliding_window, 2 threads, different tenants",
        configuration: .init(scalingFactor: .mega)
    ) { benchmark in
        benchmark.onTwoThreads { thread, iteration in
            blackHole(limiter.admit(tenants[(iteration & 511) * 2 + thread], policy: shared, now: .now()))
        }
    }
}
