// A SwiftNIO proxy with nothing in it, to tell the cost of the framework from the cost of a
// gateway: every client connection gets its own upstream connection on the same event loop,
// and what one side reads is written to the other. No routing, no pool, no backpressure, no
// timeouts: a ceiling for measurements, not a proxy to use.
//
//   nio-ceiling bytes PORT UPSTREAM_PORT    relays bytes as read
//   nio-ceiling http1 PORT UPSTREAM_PORT    decodes and re-encodes HTTP/1 on both sides (NIOHTTP1)

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

/// How a relay treats the bytes it passes on.
enum Mode: String {
    case bytes, http1

    /// Sets up the upstream connection's pipeline, forwarding to `client`.
    func configureUpstream(_ upstream: any Channel, client: any Channel) throws {
        let pipeline = upstream.pipeline.syncOperations
        switch self {
        case .bytes:
            try pipeline.addHandler(Forwarder<ByteBuffer, ByteBuffer>(to: client) { $0 })
        case .http1:
            try pipeline.addHandler(HTTPRequestEncoder())
            try pipeline.addHandler(ByteToMessageHandler(HTTPResponseDecoder()))
            try pipeline.addHandler(
                Forwarder<HTTPClientResponsePart, HTTPServerResponsePart>(to: client) { part in
                    switch part {
                    case .head(let head): .head(head)
                    case .body(let body): .body(.byteBuffer(body))
                    case .end(let trailers): .end(trailers)
                    }
                })
        }
    }

    /// Sets up the client connection's pipeline, forwarding to `upstream`.
    func configureClient(_ client: any Channel, upstream: any Channel) throws {
        let pipeline = client.pipeline.syncOperations
        switch self {
        case .bytes:
            try pipeline.addHandler(Forwarder<ByteBuffer, ByteBuffer>(to: upstream) { $0 })
        case .http1:
            try pipeline.addHandler(HTTPResponseEncoder())
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try pipeline.addHandler(
                Forwarder<HTTPServerRequestPart, HTTPClientRequestPart>(to: upstream) { part in
                    switch part {
                    case .head(let head): .head(head)
                    case .body(let body): .body(.byteBuffer(body))
                    case .end(let trailers): .end(trailers)
                    }
                })
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let mode = Mode(rawValue: arguments[1]), let port = Int(arguments[2]),
    let upstreamPort = Int(arguments[3])
else {
    print("usage: nio-ceiling bytes|http1 PORT UPSTREAM_PORT")
    exit(2)
}

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
                upstream.eventLoop.makeCompletedFuture { try mode.configureUpstream(upstream, client: client) }
            }
            .connect(host: "127.0.0.1", port: upstreamPort)
            .flatMapThrowing { upstream in try mode.configureClient(client, upstream: upstream) }
    }
    .bind(host: "127.0.0.1", port: port)
    .get()
print("nio-ceiling \(mode.rawValue) listening on 127.0.0.1:\(port)")
try await server.closeFuture.get()
