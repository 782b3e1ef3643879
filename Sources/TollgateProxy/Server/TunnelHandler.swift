import NIOCore
import NIOHTTP1

/// One side of a byte tunnel between a client connection and an upstream
/// connection, after an HTTP upgrade (WebSocket) was accepted: what one side reads,
/// the other writes, with reads held while the other side cannot write.
///
/// Both channels run on the same event loop (upstream connections are per loop),
/// so the two halves call each other directly. Either side closing closes the
/// other; so does a tunnel idle for longer than its idle timeout.
/// Loop-bound.
final class TunnelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: TunnelHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?

    private init() {}

    /// Two joined halves: the first for the client's pipeline, the second for the upstream's.
    private static func pair() -> (client: TunnelHandler, upstream: TunnelHandler) {
        let client = TunnelHandler()
        let upstream = TunnelHandler()
        client.partner = upstream
        upstream.partner = client
        return (client, upstream)
    }

    /// Replaces the HTTP handlers of both connections with a tunnel.
    ///
    /// The upstream's handler holds no bytes: it passed everything read after the 101
    /// to the exchange, which hands it over as `backlog`. A client must wait for the 101
    /// before sending on the new protocol; its request parser stopped after the upgrade
    /// request and holds nothing it should. Reads start again on both sides.
    /// - Parameters:
    ///   - client: The client connection's pipeline.
    ///   - clientHTTP: The client's HTTP handler (the ``DownstreamHandler``).
    ///   - upstream: The upstream connection that answered 101.
    ///   - backlog: Bytes the upstream sent behind the 101, already read, for the client.
    ///   - idleTimeout: Closes the tunnel after this long without a byte either way.
    static func join(
        client: ChannelPipeline.SynchronousOperations, clientHTTP: ChannelHandlerContext, upstream: UpstreamConnection,
        backlog: [ByteBuffer], idleTimeout: TimeAmount
    ) throws {
        let (clientSide, upstreamSide) = pair()
        let upstreamPipeline = upstream.channel.pipeline.syncOperations
        // Both halves first, then the HTTP handlers go.
        try client.addHandler(clientSide)
        try upstreamPipeline.addHandler(upstreamSide)
        client.removeHandler(context: clientHTTP, promise: nil)
        try upstreamPipeline.removeHandler(context: upstreamPipeline.context(handlerType: UpstreamHandler.self), promise: nil)
        for bytes in backlog { clientSide.context?.write(NIOAny(bytes), promise: nil) }
        clientSide.context?.flush()
        clientSide.context?.read()
        upstreamSide.context?.read()
        clientSide.closeWhenIdle(for: idleTimeout)
    }

    /// Closes both sides once no byte went either way for `timeout`; call on the client half.
    private func closeWhenIdle(for timeout: TimeAmount) {
        guard let eventLoop = context?.eventLoop else { return }
        idleCheck = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            guard let self else { return }
            let idle = NIODeadline.now() - max(self.lastActivity, self.partner?.lastActivity ?? self.lastActivity)
            if idle >= timeout {
                self.context?.close(promise: nil)
            } else {
                self.closeWhenIdle(for: timeout - idle)
            }
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        partner?.context?.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.context?.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        partner?.context?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.releaseRead() }
        context.fireChannelWritabilityChanged()
    }

    /// Reads are held while the partner cannot take more bytes.
    func read(context: ChannelHandlerContext) {
        if partner?.context?.channel.isWritable ?? true {
            context.read()
        } else {
            pendingRead = true
        }
    }

    private func releaseRead() {
        guard pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }
}
