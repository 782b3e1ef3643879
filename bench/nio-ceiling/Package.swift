// swift-tools-version:6.0
import PackageDescription

// The reference points of `bench/proxy.sh --ceiling`: the cheapest proxies SwiftNIO can be,
// one relaying bytes, one relaying HTTP/1 messages through NIOHTTP1's codecs. Built by the
// script into its own .build here; not part of Tollgate.
let package = Package(
    name: "NIOCeiling",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.101.2")],
    targets: [
        .executableTarget(
            name: "nio-ceiling",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        )
    ]
)
