import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1 for plugins' own HTTP traffic (a JWKS endpoint,
/// an http-log collector): it answers every request with the current ``Reply``
/// (or never, when the reply is `nil`) and records each request body.
final class RecordingHTTPServer: Sendable {
    /// What the server answers.
    struct Reply: Sendable {
        var status: HTTPResponseStatus = .ok
        var body: String = ""
    }

    let port: Int
    private let reply: Mutex<Reply?>
    private let received = Mutex<[(head: HTTPRequestHead, body: String)]>([])

    private init(port: Int, reply: Reply?) {
        self.port = port
        self.reply = Mutex(reply)
    }

    /// Starts a server answering `reply` (nil: reads requests and never answers).
    static func start(reply: Reply? = Reply()) async throws -> RecordingHTTPServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(box: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = RecordingHTTPServer(port: channel.localAddress?.port ?? 0, reply: reply)
        box.server.withLock { $0 = server }
        return server
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Changes what later requests get.
    func answer(_ reply: Reply?) {
        self.reply.withLock { $0 = reply }
    }

    /// The bodies received so far, in order.
    var bodies: [String] { received.withLock { $0.map(\.body) } }

    /// The request heads received so far, in order.
    var heads: [HTTPRequestHead] { received.withLock { $0.map(\.head) } }

    /// Waits (polling, at most `timeout`) until `condition` holds for the received bodies.
    func waitFor(timeout: Duration = .seconds(10), _ condition: ([String]) -> Bool) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let bodies = self.bodies
            if condition(bodies) { return bodies }
            try await Task.sleep(for: .milliseconds(20))
        }
        return bodies
    }

    fileprivate func record(_ head: HTTPRequestHead, body: String) -> Reply? {
        received.withLock { $0.append((head, body)) }
        return reply.withLock { $0 }
    }

    /// Lets handlers reach the server made after the bootstrap.
    private final class ServerBox: Sendable {
        let server = Mutex<RecordingHTTPServer?>(nil)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let box: ServerBox
        private var head: HTTPRequestHead?
        private var body = ByteBuffer()

        init(box: ServerBox) {
            self.box = box
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head, let server = box.server.withLock({ $0 }) else { return }
                guard let reply = server.record(head, body: String(buffer: body)) else { return }
                var headers = HTTPHeaders([("content-type", "application/json")])
                headers.add(name: "content-length", value: String(reply.body.utf8.count))
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
