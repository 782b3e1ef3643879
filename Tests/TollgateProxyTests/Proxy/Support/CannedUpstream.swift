import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP upstream that answers every request head (bodiless requests) with the same
/// bytes, as given: for responses a well-behaved HTTP server would never send.
struct CannedUpstream: Sendable {
    let port: Int
    private let accepted: ConnectionCount

    /// The connections accepted so far.
    var connections: Int { accepted.value.load(ordering: .relaxed) }

    /// - Parameters:
    ///   - answer: The bytes sent for each request head.
    ///   - closeAfter: Whether the connection closes after each answer.
    static func start(answer: String, closeAfter: Bool = false) async throws -> CannedUpstream {
        let accepted = ConnectionCount()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                accepted.value.add(1, ordering: .relaxed)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(CannedAnswerHandler(answer: answer, closeAfter: closeAfter))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return CannedUpstream(port: channel.localAddress?.port ?? 0, accepted: accepted)
    }
}

private final class ConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Answers each complete request head with the canned bytes.
private final class CannedAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let answer: String
    private let closeAfter: Bool
    private var received: [UInt8] = []

    init(answer: String, closeAfter: Bool) {
        self.answer = answer
        self.closeAfter = closeAfter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
            received.removeSubrange(..<end.upperBound)
            let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)))
            if closeAfter { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
        }
    }
}
