// The proxies with nothing in them, to tell the cost of the machinery from the cost of a
// gateway: every client connection gets its own upstream connection, and what one side reads
// is written to the other. No routing, no pool, no timeouts: ceilings for measurements, not
// proxies to use.
//
//   ceiling epoll-bytes PORT UPSTREAM_PORT   relays bytes on a plain epoll loop, without SwiftNIO
//   ceiling nio-bytes PORT UPSTREAM_PORT     relays bytes through SwiftNIO's channels
//   ceiling nio-http1 PORT UPSTREAM_PORT     decodes and re-encodes HTTP/1 on both sides (NIOHTTP1)

import Glibc

let arguments = CommandLine.arguments
guard arguments.count == 4, arguments[1] == "epoll-bytes" || NIORelay(rawValue: arguments[1]) != nil,
    let port = UInt16(arguments[2]), let upstreamPort = UInt16(arguments[3])
else {
    print("usage: ceiling epoll-bytes|nio-bytes|nio-http1 PORT UPSTREAM_PORT")
    exit(2)
}
print("ceiling \(arguments[1]) listening on 127.0.0.1:\(port)")
fflush(nil)  // all output streams: the log shows the line while the relay runs
if let nioRelay = NIORelay(rawValue: arguments[1]) {
    try await nioRelay.run(port: Int(port), upstreamPort: Int(upstreamPort))
} else {
    try EpollRelay(port: port, upstreamPort: upstreamPort).run()
}
