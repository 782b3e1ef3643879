import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1 that reports who it is and what it got, and
/// misbehaves on request (see ``UpstreamBehaviour``). It can be switched while it
/// runs: to one action for every request (``switchTo(_:)``), or to refusing
/// connections (``refuseConnections()``). It serves until the test process ends.
final class TestUpstream: Sendable {
    let name: String
    let port: Int
    /// What the server saw.
    let log: UpstreamLog
    private let behaviour: UpstreamBehaviour
    private let upstreamSwitch: UpstreamSwitch
    /// The listening channel; nil while connections are refused.
    private let listener: Mutex<(any Channel)?>

    private init(
        name: String, behaviour: UpstreamBehaviour, log: UpstreamLog, upstreamSwitch: UpstreamSwitch, listener: any Channel
    ) {
        self.name = name
        self.port = listener.localAddress?.port ?? 0
        self.behaviour = behaviour
        self.log = log
        self.upstreamSwitch = upstreamSwitch
        self.listener = Mutex(listener)
    }

    /// Starts a server on an ephemeral port.
    static func start(name: String, behaviour: UpstreamBehaviour = UpstreamBehaviour()) async throws -> TestUpstream {
        let log = UpstreamLog()
        let upstreamSwitch = UpstreamSwitch()
        let listener = try await listen(
            port: 0, name: name, behaviour: behaviour, log: log, upstreamSwitch: upstreamSwitch)
        return TestUpstream(name: name, behaviour: behaviour, log: log, upstreamSwitch: upstreamSwitch, listener: listener)
    }

    private static func listen(
        port: Int, name: String, behaviour: UpstreamBehaviour, log: UpstreamLog, upstreamSwitch: UpstreamSwitch
    ) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        UpstreamRequestHandler(
                            name: name, defaults: behaviour, log: log, connection: log.connectionOpened(),
                            upstreamSwitch: upstreamSwitch))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
    }

    /// `127.0.0.1:<port>`, as a target or service address.
    var address: String { "127.0.0.1:\(port)" }

    /// Gives every request `action` from now on (nil: each request's own behaviour again).
    func switchTo(_ action: UpstreamBehaviour.Action?) {
        upstreamSwitch.action = action
    }

    /// Stops listening, so new connections are refused; requests on connections
    /// already open get their connection closed.
    func refuseConnections() async throws {
        upstreamSwitch.action = .close
        let channel = listener.withLock { listener in
            defer { listener = nil }
            return listener
        }
        try await channel?.close()
    }

    /// Listens again on the same port, with each request's own behaviour.
    func acceptConnections() async throws {
        let channel = try await Self.listen(
            port: port, name: name, behaviour: behaviour, log: log, upstreamSwitch: upstreamSwitch)
        upstreamSwitch.action = nil
        listener.withLock { $0 = channel }
    }
}
