import NIOCore
import NIOTLS

/// Sits behind the TLS client handler of a new upstream connection until the
/// handshake ends: completes `promise` when it succeeds, fails it when the
/// handshake fails, the connection closes or `deadline` passes (then closes the
/// connection). Removes itself once the handshake succeeded.
///
/// The connection is leased only after this, so a failed handshake is a
/// connection failure: no request byte was sent, the exchange may be retried.
final class TLSHandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    /// Why the handshake did not finish within the connect timeout.
    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "the TLS handshake did not finish within the connect timeout" }
    }

    private let promise: EventLoopPromise<Void>
    private let deadline: NIODeadline
    private var timer: Scheduled<Void>?

    init(promise: EventLoopPromise<Void>, deadline: NIODeadline) {
        self.promise = promise
        self.deadline = deadline
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [promise] in
            promise.fail(TimedOut())
            channel.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            timer?.cancel()
            promise.succeed()
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        timer?.cancel()
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
