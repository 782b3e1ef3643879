import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TollgateCore

/// The data plane's listener: accepts clients on every event loop of its group
/// and proxies their requests through the current ``RuntimeConfig``.
///
/// Runs as a `Service`: ``run()`` binds, serves until graceful shutdown, then
/// stops accepting and closes idle upstream connections.
public final class ProxyServer: Service, Sendable {
    /// Listener settings.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// How long a client may take to send a complete request head, and stay idle between requests.
        public var headerTimeout: TimeAmount

        public init(host: String, port: Int, headerTimeout: TimeAmount = ProxyLimits.headerTimeout) {
            self.host = host
            self.port = port
            self.headerTimeout = headerTimeout
        }
    }

    private let configuration: Configuration
    private let group: MultiThreadedEventLoopGroup
    private let loops: [NIOLoopBound<ProxyLoop>]
    private let logger: Logger
    private let listening = ListenerAddress()

    /// - Parameters:
    ///   - configuration: Where to listen.
    ///   - initialConfig: The snapshot served until the first ``publish(_:)``.
    ///   - threads: Event loops (one per core this process may run on, by default).
    ///   - resolver: Resolves upstream host names (cached); shared by every loop.
    ///   - logger: Where start, stop and failures are logged.
    public init(
        configuration: Configuration, initialConfig: RuntimeConfig, threads: Int = ProxyServer.usableCores,
        resolver: HostResolver = HostResolver(), logger: Logger
    ) {
        self.configuration = configuration
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        // Each loop's state is created on that loop: it schedules its own timers there.
        self.loops = group.makeIterator().map { eventLoop in
            // Runs at start-up, before any request: blocking until each loop has built its state is fine.
            try! eventLoop.submit {
                NIOLoopBound(
                    ProxyLoop(
                        eventLoop: eventLoop, config: initialConfig, headerTimeout: configuration.headerTimeout,
                        resolver: resolver),
                    eventLoop: eventLoop)
            }.wait()
        }
        self.logger = logger
    }

    /// Makes `config` the snapshot of every new request, on every event loop.
    public func publish(_ config: RuntimeConfig) {
        for loop in loops {
            loop.eventLoop.execute { loop.value.config = config }
        }
    }

    /// The address the proxy listens on, once bound; throws when binding failed.
    public func localAddress() async throws -> SocketAddress {
        try await listening.value()
    }

    public func run() async throws {
        let loopsByIdentity = Dictionary(uniqueKeysWithValues: loops.map { (ObjectIdentifier($0.eventLoop), $0) })
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.maxMessagesPerRead, value: 16)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 4)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        guard let loop = loopsByIdentity[ObjectIdentifier(channel.eventLoop)] else {
                            throw ChannelError.ioOnClosedChannel
                        }
                        try Self.configure(channel.pipeline.syncOperations, loop: loop.value)
                    }
                }
                .bind(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            listening.resolve(.failure(error))
            try? await stopLoops()
            throw error
        }
        listening.resolve(channel.localAddress.map { .success($0) } ?? .failure(ChannelError.unknownLocalAddress))
        logger.info("proxy listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
        // Stops accepting on graceful shutdown or cancellation, then closes everything.
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
        try await stopLoops()
        logger.info("proxy stopped")
    }

    /// Stops every loop's timers, closes idle upstream connections, then the event loops.
    private func stopLoops() async throws {
        for loop in loops {
            try? await loop.eventLoop.submit { loop.value.shutdown() }.get()
        }
        try await group.shutdownGracefully()
    }

    private static func configure(_ pipeline: ChannelPipeline.SynchronousOperations, loop: ProxyLoop) throws {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = ProxyLimits.maxHeaderBytes
        limits.maxHeaderFieldSize = ProxyLimits.maxHeaderBytes
        // No pipelining helper: it toggles read interest around every response (two
        // epoll_ctl calls per request). DownstreamHandler queues pipelined requests itself.
        try pipeline.addHandler(HTTPResponseEncoder())
        try pipeline.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: limits)))
        try pipeline.addHandler(DownstreamHandler(loop: loop, scheme: .http))
    }
}
