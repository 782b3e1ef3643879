import NIOCore
import NIOHTTP1

/// The kept-alive connection of `http`/`https` probes to one target: sends a
/// probe's request, settles the probe with the status of the answer, reads the
/// rest of the answer, and is reused by the next probe when the target keeps the
/// connection open. Reuse spares a TCP (and TLS) handshake per probe; a target
/// that stops accepting connections still fails its next probe once the kept
/// connection is gone, and a target that dies closes or resets it.
///
/// Loop-bound (not `Sendable` on purpose): every call happens on the checker's event loop.
final class ProbeConnection: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// The longest answer body read to keep a connection; a longer one closes it.
    static let maxBodyBytes = 64 * 1024

    private enum State {
        /// Connecting, or connected and waiting for a probe.
        case ready
        /// A probe's request is sent; `retry` (a reused connection only) redoes the
        /// probe on a new connection when this one turns out closed before any answer.
        case probing(ProbeAttempt, retry: (() -> Void)?)
        /// The probe is settled; the rest of the answer is read.
        case draining(keepAlive: Bool, bodyBytes: Int)
        case closed
    }

    private let statuses: HealthStatusClasses
    private var state = State.ready
    private var context: ChannelHandlerContext?

    init(statuses: HealthStatusClasses) {
        self.statuses = statuses
    }

    /// Whether a new probe may use the connection now.
    var isReusable: Bool {
        guard case .ready = state, let context else { return false }
        return context.channel.isActive
    }

    /// The connection's channel, once the handler is in its pipeline.
    var channel: (any Channel)? { context?.channel }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `head` for `attempt`.
    func send(_ head: HTTPRequestHead, for attempt: ProbeAttempt, retry: (() -> Void)?) {
        guard let context, case .ready = state else {
            attempt.settle(.tcpFailure)
            return
        }
        attempt.use(context.channel)
        state = .probing(attempt, retry: retry)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Closes the connection (a probe in progress is settled as a TCP failure).
    func close() {
        lost()
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .probing(let attempt, _)) where head.status.code >= 200:
            attempt.settle(statuses.observation(for: Int(head.status.code)))
            state = .draining(keepAlive: head.isKeepAlive, bodyBytes: 0)
        case (.head, .probing):
            break  // an interim answer (100 Continue)
        case (.body(let body), .draining(let keepAlive, let bodyBytes)):
            let total = bodyBytes + body.readableBytes
            if total > Self.maxBodyBytes {
                close()
            } else {
                state = .draining(keepAlive: keepAlive, bodyBytes: total)
            }
        case (.end, .draining(let keepAlive, _)):
            if keepAlive {
                state = .ready
            } else {
                close()
            }
        default:
            // An answer nobody asked for: the connection is out of step.
            close()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lost()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        close()
    }

    /// The connection is gone: a probe waiting for its answer is retried or fails.
    private func lost() {
        let previous = state
        state = .closed
        guard case .probing(let attempt, let retry) = previous, !attempt.isSettled else { return }
        if let retry {
            retry()
        } else {
            attempt.settle(.tcpFailure)
        }
    }
}
