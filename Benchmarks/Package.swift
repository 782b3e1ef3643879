// swift-tools-version:6.2
import PackageDescription

// Micro-benchmarks with per-operation budgets, kept out of the main package's build
// graph. Run from this folder: `swift package --allow-writing-to-package-directory benchmark`
// (or `... benchmark --target RouterBenchmarks`); it builds in its own .build here.
let package = Package(
    name: "TollgateBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Tollgate", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RouterBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "TollgateCore", package: "Tollgate"),
                .product(name: "TollgateProxy", package: "Tollgate"),
            ],
            path: "Benchmarks/RouterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BalancerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TollgateCore", package: "Tollgate"),
                .product(name: "TollgateProxy", package: "Tollgate"),
            ],
            path: "Benchmarks/BalancerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RateLimitBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "TollgateCore", package: "Tollgate"),
                .product(name: "TollgateProxy", package: "Tollgate"),
            ],
            path: "Benchmarks/RateLimitBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
