import NIOCore
import NIOHTTP1
import NIOPosix

/// Writes what its channel reads to the peer channel, converted, and closes the peer
/// when its own channel closes.
final class Forwarder<In, Out: Sendable>: ChannelInboundHandler {
    typealias InboundIn = In

    private let peer: any Channel
    private let convert: (In) -> Out

    init(to peer: any Channel, converting convert: @escaping (In) -> Out) {
        self.peer = peer
        self.convert = convert
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.write(convert(unwrapInboundIn(data)), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        peer.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }
}

/// A relay through SwiftNIO's channels: every client connection gets its own upstream
/// connection on the same event loop.
enum NIORelay: String {
    /// Relays bytes as read.
    case bytes = "nio-bytes"
    /// Decodes and re-encodes HTTP/1 on both sides (NIOHTTP1).
    case http1 = "nio-http1"

    /// Listens on `port` of 127.0.0.1, relaying to `upstreamPort`, until the server closes.
    func run(port: Int, upstreamPort: Int) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { client in
                // The client's reads start once this future completes: the upstream is connected by then.
                ClientBootstrap(group: client.eventLoop)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .channelInitializer { upstream in
                        upstream.eventLoop.makeCompletedFuture { try configureUpstream(upstream, client: client) }
                    }
                    .connect(host: "127.0.0.1", port: upstreamPort)
                    .flatMapThrowing { upstream in try configureClient(client, upstream: upstream) }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        try await server.closeFuture.get()
    }

    /// Sets up the upstream connection's pipeline, forwarding to `client`.
    private func configureUpstream(_ upstream: any Channel, client: any Channel) throws {
        let pipeline = upstream.pipeline.syncOperations
        switch self {
        case .bytes:
            try pipeline.addHandler(Forwarder<ByteBuffer, ByteBuffer>(to: client) { $0 })
        case .http1:
            try pipeline.addHandler(HTTPRequestEncoder())
            try pipeline.addHandler(ByteToMessageHandler(HTTPResponseDecoder()))
            try pipeline.addHandler(Forwarder<HTTPClientResponsePart, HTTPServerResponsePart>(to: client, converting: Self.reframe))
        }
    }

    /// Sets up the client connection's pipeline, forwarding to `upstream`.
    private func configureClient(_ client: any Channel, upstream: any Channel) throws {
        let pipeline = client.pipeline.syncOperations
        switch self {
        case .bytes:
            try pipeline.addHandler(Forwarder<ByteBuffer, ByteBuffer>(to: upstream) { $0 })
        case .http1:
            try pipeline.addHandler(HTTPResponseEncoder())
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try pipeline.addHandler(Forwarder<HTTPServerRequestPart, HTTPClientRequestPart>(to: upstream, converting: Self.reframe))
        }
    }

    /// A part one side's decoder read, as the other side's encoder takes it.
    private static func reframe<Head>(_ part: HTTPPart<Head, ByteBuffer>) -> HTTPPart<Head, IOData> {
        switch part {
        case .head(let head): .head(head)
        case .body(let body): .body(.byteBuffer(body))
        case .end(let trailers): .end(trailers)
        }
    }
}
