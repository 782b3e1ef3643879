import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 that reports who it is and what it got, and
/// misbehaves on request (see ``UpstreamBehaviour``). It serves until the test
/// process ends.
final class TestUpstream: Sendable {
    let name: String
    let port: Int
    /// What the server saw.
    let log: UpstreamLog

    private init(name: String, port: Int, log: UpstreamLog) {
        self.name = name
        self.port = port
        self.log = log
    }

    /// Starts a server on an ephemeral port.
    static func start(name: String, behaviour: UpstreamBehaviour = UpstreamBehaviour()) async throws -> TestUpstream {
        let log = UpstreamLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        UpstreamRequestHandler(
                            name: name, defaults: behaviour, log: log, connection: log.connectionOpened()))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return TestUpstream(name: name, port: channel.localAddress?.port ?? 0, log: log)
    }

    /// `127.0.0.1:<port>`, as a target or service address.
    var address: String { "127.0.0.1:\(port)" }

    /// A port on which nothing listens (bound, then closed): connecting to it is refused.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
