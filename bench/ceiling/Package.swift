// swift-tools-version:6.0
import PackageDescription

// The reference points of `bench/proxy.sh --ceiling`: the cheapest proxies there can be, one
// relaying bytes on a plain epoll loop, one relaying bytes through SwiftNIO, one relaying HTTP/1
// through NIOHTTP1's codecs. Built by the script into its own .build here; not part of Tollgate.
let package = Package(
    name: "Ceiling",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.101.2")],
    targets: [
        .target(name: "CEpollShim"),
        .executableTarget(
            name: "ceiling",
            dependencies: [
                "CEpollShim",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
