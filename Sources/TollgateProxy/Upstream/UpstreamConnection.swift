import NIOCore
import NIOHTTP1

/// Receives what an upstream connection reads, on the connection's event loop.
protocol UpstreamConnectionDelegate: AnyObject {
    func upstreamDidReceive(_ part: UpstreamResponsePart)
    func upstreamReadComplete()
    func upstreamWritabilityChanged(isWritable: Bool)
    /// The connection closed or failed before the exchange ended.
    func upstreamDidFail(_ error: any Error)
}

/// One HTTP/1.1 connection to an upstream, leased to one exchange at a time.
///
/// Loop-bound: every method runs on the channel's event loop.
final class UpstreamConnection {
    let channel: any Channel
    let address: UpstreamAddress
    let handler: UpstreamHandler
    /// When the connection last went back to the pool; used for the idle timeout.
    var idleSince: NIODeadline = .now()

    init(channel: any Channel, address: UpstreamAddress, handler: UpstreamHandler) {
        self.channel = channel
        self.address = address
        self.handler = handler
    }

    var isActive: Bool { channel.isActive }
}

/// The HTTP/1.1 side of an upstream connection, its only handler above TLS: writes
/// request parts as bytes, parses the response bytes (``ResponseParser``) and hands
/// the parts to the leasing exchange, holding reads while the client cannot take more.
final class UpstreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The exchange using the connection; nil while the connection is idle in the pool.
    var delegate: (any UpstreamConnectionDelegate)?
    /// Called with this handler when the connection closes while idle, so the pool drops it.
    var onIdleClose: ((UpstreamHandler) -> Void)?
    /// Whether reads are held (the client side is not writable).
    private var readsHeld = false
    private var pendingRead = false
    private var context: ChannelHandlerContext?
    private var parser = ResponseParser()
    /// The method of the request being answered: a response to HEAD has no body.
    private var requestMethod = HTTPMethod.GET
    /// Whether the request body being written is framed as chunks.
    private var requestIsChunked = false
    private var heads = HeadBuffer()
    /// Whether bytes were written since the last flush: a flush with nothing to send
    /// still walks the pipeline, and a request's end and its read's end each ask for one.
    private var unflushed = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        parser.append(unwrapInboundIn(data))
        // Bytes on an idle connection, or beyond the response asked for: an upstream out
        // of step, whose connection must not carry another request.
        var outOfStep = delegate == nil
        do {
            while let delegate, let part = try parser.next(requestMethod: requestMethod) {
                delegate.upstreamDidReceive(part)
                if case .end = part, parser.hasUnparsedBytes {
                    outOfStep = true
                    break
                }
            }
        } catch {
            errorCaught(context: context, error: error)
            return
        }
        if outOfStep { context.close(promise: nil) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A body without a length ends with the connection.
        if let delegate, parser.endsAtClose { delegate.upstreamDidReceive(.end(nil)) }
        if let delegate {
            self.delegate = nil
            delegate.upstreamDidFail(ChannelError.eof)
        } else {
            onIdleClose?(self)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let delegate {
            self.delegate = nil
            delegate.upstreamDidFail(error)
        }
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if readsHeld {
            pendingRead = true
        } else {
            context.read()
        }
    }

    /// Holds or releases reads from the upstream (backpressure from the client side).
    func setReadsHeld(_ held: Bool) {
        readsHeld = held
        if !held, pendingRead, let context {
            pendingRead = false
            context.read()
        }
    }

    /// Writes a request part without flushing. A body is framed as its head says:
    /// as is after `Content-Length`, as chunks after `Transfer-Encoding: chunked`.
    /// Body bytes that fit behind the head, still staged, leave with it in one write.
    func write(_ part: HTTPClientRequestPart) {
        guard let context else { return }
        switch part {
        case .head(let head):
            writeHead(head, host: nil)
        case .body(.byteBuffer(let bytes)):
            guard requestIsChunked, bytes.readableBytes > 0 else { return send(bytes, context: context) }
            ByteBuffer.writeChunk(bytes, allocator: context.channel.allocator) { piece, _ in send(piece, context: context) }
        case .body(.fileRegion):
            // Request bodies arrive from a socket as bytes; a file region is never relayed.
            assertionFailure("a request body part is a file region")
        case .end(let trailers):
            guard requestIsChunked else { return }
            send(ByteBuffer.lastChunk(trailers: trailers, allocator: context.channel.allocator), context: context)
        }
    }

    /// The room a head buffer starts with: enough for most request heads, so that one is
    /// written without measuring it first; a larger head grows the buffer as it is written.
    private static let headCapacity = 1024

    /// Stages a request head, written at the next flush or before the next bytes that
    /// do not fit behind it; with `host`, as its `Host` header.
    func writeHead(_ head: HTTPRequestHead, host: String?) {
        guard let context else { return }
        var head = head
        requestMethod = head.method
        requestIsChunked = head.headers.contains(name: "transfer-encoding")
        if !requestIsChunked && !head.headers.contains(name: "content-length") && Self.expectsBody(head.method) {
            head.headers.add(name: "content-length", value: "0")
        }
        heads.release { write($0, context: context) }
        heads.stage(capacity: Self.headCapacity, allocator: context.channel.allocator) {
            $0.writeRequestHead(head, host: host)
        }
    }

    /// Copies `bytes` behind the staged head when they fit, else writes them after it.
    private func send(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        heads.send(bytes) { write($0, context: context) }
    }

    private func write(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        unflushed = true
        context.write(wrapOutboundOut(bytes), promise: nil)
    }

    /// Flushes what was written since the last flush, the staged head included, if anything.
    func flush() {
        guard let context else { return }
        heads.release { write($0, context: context) }
        guard unflushed else { return }
        unflushed = false
        context.flush()
    }

    /// Methods whose requests carry a body as a rule: one without any is sent with
    /// `Content-Length: 0`, as some servers refuse them without a length.
    private static func expectsBody(_ method: HTTPMethod) -> Bool {
        method == .POST || method == .PUT || method == .PATCH
    }
}
