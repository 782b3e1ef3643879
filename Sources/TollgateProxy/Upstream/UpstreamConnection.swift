import NIOCore
import NIOHTTP1

/// Receives what an upstream connection reads, on the connection's event loop.
protocol UpstreamConnectionDelegate: AnyObject {
    func upstreamDidReceive(_ part: HTTPClientResponsePart)
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

/// The last handler of an upstream connection's pipeline: hands response parts
/// to the leasing exchange and holds reads while the client cannot take more.
final class UpstreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The exchange using the connection; nil while the connection is idle in the pool.
    var delegate: (any UpstreamConnectionDelegate)?
    /// Called when the connection closes while idle, so the pool drops it.
    var onIdleClose: (() -> Void)?
    /// Whether reads are held (the client side is not writable).
    private var readsHeld = false
    private var pendingRead = false
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let delegate else { return }  // Unexpected bytes on an idle connection: dropped, the close follows.
        delegate.upstreamDidReceive(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let delegate {
            self.delegate = nil
            delegate.upstreamDidFail(ChannelError.eof)
        } else {
            onIdleClose?()
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

    /// Writes a request part without flushing.
    func write(_ part: HTTPClientRequestPart, promise: EventLoopPromise<Void>? = nil) {
        context?.write(wrapOutboundOut(part), promise: promise)
    }

    func flush() {
        context?.flush()
    }
}
