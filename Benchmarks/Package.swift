// swift-tools-version:6.2
import PackageDescription

// Micro-benchmarks with per-operation budgets, kept out of the main package's build
// graph. Run from this folder: `swift package --allow-writing-to-package-directory benchmark`
// (or `... benchmark --target RouterBenchmarks`); it builds in its own .build here.

/// A benchmark executable in `Benchmarks/NAME`, with the shared settings and the Tollgate
/// modules every benchmark measures.
func benchmarkTarget(_ name: String, dependencies: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "BenchmarkSupport",
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "TollgateCore", package: "Tollgate"),
            .product(name: "TollgateProxy", package: "Tollgate"),
        ] + dependencies,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "TollgateBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Tollgate", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/BenchmarkSupport"
        ),
        benchmarkTarget("RouterBenchmarks", dependencies: [.product(name: "NIOHTTP1", package: "swift-nio")]),
        benchmarkTarget("BalancerBenchmarks"),
        benchmarkTarget("RateLimitBenchmarks", dependencies: [.product(name: "NIOCore", package: "swift-nio")]),
    ]
)
