import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP upstream that accepts an HTTP upgrade to `websocket` with a 101,
/// optionally says `ready\n` in the same write (bytes right behind the 101), then
/// echoes every byte.
/// A request without `Upgrade` gets a 400. It records each request head as text.
struct UpgradeEchoUpstream: Sendable {
    let port: Int
    private let heads: HeadLog

    /// The request heads received, as text.
    var requestHeads: [String] { heads.entries.withLock { $0 } }

    /// - Parameter greeting: Whether `ready\n` follows the 101 in the same write.
    static func start(greeting: Bool = false) async throws -> UpgradeEchoUpstream {
        let heads = HeadLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UpgradeEchoHandler(heads: heads, greeting: greeting))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return UpgradeEchoUpstream(port: channel.localAddress?.port ?? 0, heads: heads)
    }
}

/// The request heads an upstream received.
private final class HeadLog: Sendable {
    let entries = Mutex<[String]>([])
}

/// Reads a request head, answers it, then echoes.
private final class UpgradeEchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let heads: HeadLog
    private let greeting: Bool
    private var head: [UInt8] = []
    private var echoing = false

    init(heads: HeadLog, greeting: Bool) {
        self.heads = heads
        self.greeting = greeting
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if echoing {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
            return
        }
        head.append(contentsOf: bytes.readableBytesView)
        let text = String(decoding: head, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return }
        heads.entries.withLock { $0.append(String(text[..<end.lowerBound])) }
        if text.lowercased().contains("\r\nupgrade: websocket") {
            echoing = true
            let answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n" + (greeting ? "ready\n" : "")
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)), promise: nil)
            let rest = text[end.upperBound...]
            if !rest.isEmpty { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: String(rest))), promise: nil) }
        } else {
            let answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }
}
