import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 that reports who it is and what it got, and
/// misbehaves on request (see ``UpstreamBehaviour``).
final class TestUpstream: Sendable {
    let name: String
    let port: Int
    /// What the server saw.
    let log: UpstreamLog
    private let channel: any Channel

    private init(name: String, port: Int, log: UpstreamLog, channel: any Channel) {
        self.name = name
        self.port = port
        self.log = log
        self.channel = channel
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
        return TestUpstream(name: name, port: channel.localAddress?.port ?? 0, log: log, channel: channel)
    }

    /// `127.0.0.1:<port>`, as a target or service address.
    var address: String { "127.0.0.1:\(port)" }

    /// Stops accepting; connections already open are closed by their peers.
    func stop() async {
        try? await channel.close()
    }

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
