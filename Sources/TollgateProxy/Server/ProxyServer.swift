import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ServiceLifecycle
import TollgateCore

/// The data plane's listeners: accept clients on every event loop of their group
/// and proxy their requests through the current ``RuntimeConfig``. One plain
/// HTTP listener, and optionally a TLS one (``Configuration/tls``).
///
/// Runs as a `Service`: ``run()`` binds, serves until graceful shutdown, then
/// stops accepting, lets requests in progress finish (up to the drain timeout;
/// their connections close after the response) and closes everything.
public final class ProxyServer: Service, Sendable {
    /// Listener settings.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// How long a client may take to send a complete request head, and stay idle between requests.
        public var headerTimeout: TimeAmount
        /// The TLS listener, when there is one.
        public var tls: TLSListener?
        /// How long a graceful shutdown waits for requests in progress before closing their connections.
        public var drainTimeout: TimeAmount

        public init(
            host: String, port: Int, headerTimeout: TimeAmount = ProxyLimits.headerTimeout, tls: TLSListener? = nil,
            drainTimeout: TimeAmount = .seconds(10)
        ) {
            self.host = host
            self.port = port
            self.headerTimeout = headerTimeout
            self.tls = tls
            self.drainTimeout = drainTimeout
        }
    }

    private let configuration: Configuration
    private let group: MultiThreadedEventLoopGroup
    private let loops: [NIOLoopBound<ProxyLoop>]
    /// How the loops reach upstreams.
    public let upstreamAccess: UpstreamAccess
    private let logger: Logger
    private let listening = ListenerAddress()
    private let listeningTLS = ListenerAddress()

    /// - Parameters:
    ///   - configuration: Where to listen.
    ///   - initialConfig: The snapshot served until the first ``publish(_:)``.
    ///   - threads: Event loops (one per core this process may run on, by default).
    ///   - resolver: Resolves upstream host names (cached); shared by every loop.
    ///   - upstreamTLS: How https upstreams are verified; shared by every loop.
    ///   - logger: Where start, stop and failures are logged.
    public init(
        configuration: Configuration, initialConfig: RuntimeConfig, threads: Int = ProxyServer.usableCores,
        resolver: HostResolver = HostResolver(), upstreamTLS: UpstreamTLS = .systemTrustStore, logger: Logger
    ) {
        self.configuration = configuration
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        self.group = group
        self.upstreamAccess = UpstreamAccess(eventLoopGroup: group, tls: upstreamTLS, resolver: resolver)
        // Each loop's state is created on that loop: it schedules its own timers there.
        self.loops = group.makeIterator().map { eventLoop in
            // Runs at start-up, before any request: blocking until each loop has built its state is fine.
            try! eventLoop.submit {
                NIOLoopBound(
                    ProxyLoop(
                        eventLoop: eventLoop, config: initialConfig, headerTimeout: configuration.headerTimeout,
                        resolver: resolver, upstreamTLS: upstreamTLS),
                    eventLoop: eventLoop)
            }.wait()
        }
        self.logger = logger
        if let reason = upstreamTLS.unavailableReason { logger.warning("\(reason)") }
    }

    /// Makes `config` the snapshot of every new request, on every event loop; returns
    /// once every loop has taken it, so a request sent afterwards is served by it.
    public func publish(_ config: RuntimeConfig) async {
        let taken = loops.map { loop in loop.eventLoop.submit { loop.value.config = config } }
        // A loop only refuses the task when it is shutting down, and then it serves no new request.
        for future in taken { try? await future.get() }
    }

    /// The address the proxy listens on, once bound; throws when binding failed.
    public func localAddress() async throws -> SocketAddress {
        try await listening.value()
    }

    /// The address the TLS listener listens on, once bound; throws when binding
    /// failed or there is no TLS listener.
    public func tlsLocalAddress() async throws -> SocketAddress {
        try await listeningTLS.value()
    }

    public func run() async throws {
        let loopsByIdentity = Dictionary(uniqueKeysWithValues: loops.map { (ObjectIdentifier($0.eventLoop), $0) })
        var bound: [any Channel] = []
        do {
            bound.append(
                try await bind(host: configuration.host, port: configuration.port, loops: loopsByIdentity, tls: nil))
            if let tls = configuration.tls {
                bound.append(try await bind(host: tls.host, port: tls.port, loops: loopsByIdentity, tls: tls.context))
            }
        } catch {
            listening.resolve(.failure(error))
            listeningTLS.resolve(.failure(error))
            for channel in bound { try? await channel.close() }
            try? await stopLoops()
            throw error
        }
        let channels = bound
        listening.resolve(Self.address(of: channels[0]))
        listeningTLS.resolve(
            channels.count > 1 ? Self.address(of: channels[1]) : .failure(ChannelError.unknownLocalAddress))
        for (channel, scheme) in zip(channels, ["http", "https"]) {
            logger.info(
                "proxy listening",
                metadata: ["address": "\(channel.localAddress?.description ?? "?")", "scheme": "\(scheme)"])
        }
        // Stops accepting on graceful shutdown or cancellation, then closes everything.
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                for channel in channels { try? await channel.closeFuture.get() }
            } onCancel: {
                for channel in channels { channel.close(promise: nil) }
            }
        } onGracefulShutdown: {
            for channel in channels { channel.close(promise: nil) }
        }
        await drainConnections()
        try await stopLoops()
        logger.info("proxy stopped")
    }

    private static func address(of channel: any Channel) -> Result<SocketAddress, any Error> {
        channel.localAddress.map { .success($0) } ?? .failure(ChannelError.unknownLocalAddress)
    }

    /// Binds one listener; with `tls`, its connections start with a TLS server handler and are `https` clients.
    private func bind(
        host: String, port: Int, loops: [ObjectIdentifier: NIOLoopBound<ProxyLoop>], tls: NIOSSLContext?
    ) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 4)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let loop = loops[ObjectIdentifier(channel.eventLoop)] else {
                        throw ChannelError.ioOnClosedChannel
                    }
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLServerHandler(context: tls))
                        try Self.configure(pipeline, loop: loop.value, scheme: .https)
                    } else {
                        try Self.configure(pipeline, loop: loop.value, scheme: .http)
                    }
                }
            }
            .bind(host: host, port: port)
            .get()
    }

    /// Closes idle client connections and waits, up to the drain timeout, until the
    /// busy ones finished their exchange and closed. Skipped on cancellation.
    private func drainConnections() async {
        let deadline = NIODeadline.now() + configuration.drainTimeout
        while !Task.isCancelled {
            var open = 0
            for loop in loops {
                open += (try? await loop.eventLoop.submit { loop.value.drain() }.get()) ?? 0
            }
            if open == 0 { return }
            guard NIODeadline.now() < deadline else {
                logger.warning("drain timeout reached; closing connections still busy", metadata: ["connections": "\(open)"])
                return
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops every loop's timers, closes idle upstream connections, then the event loops.
    private func stopLoops() async throws {
        for loop in loops {
            try? await loop.eventLoop.submit { loop.value.shutdown() }.get()
        }
        try await group.shutdownGracefully()
    }

    private static func configure(
        _ pipeline: ChannelPipeline.SynchronousOperations, loop: ProxyLoop, scheme: RouteSpec.ClientProtocol
    ) throws {
        // No pipelining helper: it toggles read interest around every response (two
        // epoll_ctl calls per request). DownstreamHandler parses requests and queues
        // pipelined ones itself (RequestParser), and writes responses as bytes (ResponseFramer).
        try pipeline.addHandler(DownstreamHandler(loop: loop, scheme: scheme))
    }
}
