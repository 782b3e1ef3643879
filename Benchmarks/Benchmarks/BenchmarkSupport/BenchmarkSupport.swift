import Benchmark
import Dispatch

extension Benchmark {
    /// The settings every Tollgate micro-benchmark uses: time, CPU, allocations and
    /// throughput per operation in nanoseconds, a thousand operations per sample,
    /// two seconds per benchmark.
    public static func useTollgateDefaults() {
        defaultConfiguration = .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
            timeUnits: .nanoseconds,
            scalingFactor: .kilo,
            maxDuration: .seconds(2)
        )
    }

    /// Runs `operation` on two threads at once, each for half of the benchmark's
    /// scaled iterations; it gets the thread (0 or 1) and the iteration on that thread.
    public func onTwoThreads(_ operation: @Sendable (_ thread: Int, _ iteration: Int) -> Void) {
        let iterationsPerThread = scaledIterations.count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for iteration in 0..<iterationsPerThread { operation(thread, iteration) }
        }
    }
}
