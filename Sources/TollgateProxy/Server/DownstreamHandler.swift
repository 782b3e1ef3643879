import NIOCore
import NIOHTTP1
import TollgateCore

/// The last handler of a client connection: routes each request through the
/// loop's snapshot and streams it to an upstream and the response back, with
/// read gating on both sides so neither body is ever buffered whole.
///
/// Loop-bound (not `Sendable` on purpose): every callback runs on the connection's event loop.
final class DownstreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// Waiting for a request head (since the given time).
        case awaitingHead(since: NIODeadline)
        /// The request was answered locally and the connection stays open: the rest
        /// of the request is dropped, its end makes the connection idle.
        case answeredLocally
        /// Waiting for an upstream connection; body parts are queued and reads held.
        case connecting(Exchange)
        /// Connected: request parts stream up, response parts stream down.
        case proxying(Exchange)
        case closed
    }

    private let loop: ProxyLoop
    private let scheme: RouteSpec.ClientProtocol
    private var state: State = .awaitingHead(since: .now())
    private var context: ChannelHandlerContext?
    private var connection = ClientConnection(address: "", scheme: .http, localPort: 0)
    private var requestVersion = HTTPVersion.http1_1
    private var readsHeld = false
    private var requestIsHead = false
    /// Reads the client's requests from its bytes.
    private var parser = RequestParser()
    /// Frames the responses written to the client.
    private var framer = ResponseFramer()
    /// Whether response bytes were written since the last flush: a flush with nothing to
    /// send still walks the pipeline, and a response's end and its read's end each ask for one.
    private var unflushed = false
    /// Parts of pipelined requests read while an earlier exchange was still answering.
    private var pipelined = CircularBuffer<ClientRequestPart>()
    private var pendingRead = false
    /// Bytes the upstream sent right behind its 101, read as HTTP before the tunnel opened.
    private var tunnelBacklog: [ByteBuffer]?
    /// When the client last sent bytes of a request body still coming (or reads were released),
    /// for the body stall timeout.
    private var lastClientRead = NIODeadline.now()
    /// The pending check of the upstream read timeout, and when it runs.
    private var readCheck: (task: Scheduled<Void>, at: NIODeadline)?

    init(loop: ProxyLoop, scheme: RouteSpec.ClientProtocol) {
        self.loop = loop
        self.scheme = scheme
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        connection = ClientConnection(
            address: context.channel.remoteAddress?.ipAddress ?? "", scheme: scheme,
            localPort: context.channel.localAddress?.port ?? 0)
        loop.register(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        loop.unregister(self)
        readCheck?.task.cancel()
        readCheck = nil
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        parser.append(unwrapInboundIn(data))
        do {
            while !isClosed, let part = try parser.next() {
                // A pipelined request waits until the exchange before it has answered.
                if !pipelined.isEmpty || (part.isHead && !isAwaitingHead) {
                    pipelined.append(part)
                    setReadsHeld(true)
                } else {
                    dispatch(part, context: context)
                }
            }
        } catch {
            refuseUnreadable(error, context: context)
        }
    }

    /// Answers a request that cannot be read (400, 414 or 431) when none is in progress,
    /// and closes the connection: the bytes after it cannot be trusted to start a request.
    private func refuseUnreadable(_ error: HTTP1ParseError, context: ChannelHandlerContext) {
        guard case .awaitingHead = state, pipelined.isEmpty else {
            context.close(promise: nil)
            return
        }
        switch error {
        case .headTooLarge: respond(.headersTooLarge, closeAfter: true, requestEnded: false)
        case .targetTooLong: respond(.uriTooLong, closeAfter: true, requestEnded: false)
        case .malformed: respond(.badRequest, closeAfter: true, requestEnded: false)
        }
    }

    private func dispatch(_ part: ClientRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let request): receiveHead(request, context: context)
        case .body(let body): receiveBody(.body(.byteBuffer(body)))
        case .end(let trailers): receiveEnd(trailers)
        }
    }

    private var isAwaitingHead: Bool {
        if case .awaitingHead = state { return true }
        return false
    }

    private var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// Hands queued pipelined parts over, in order, once the connection is idle
    /// again; stops at a head while an exchange is still running.
    private func drainPipelined() {
        guard let context else { return }
        while let part = pipelined.first {
            if part.isHead && !isAwaitingHead { return }
            pipelined.removeFirst()
            dispatch(part, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .connecting(let exchange), .proxying(let exchange):
            abandon(exchange)
        default: break
        }
        state = .closed
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if case .proxying(let exchange) = state {
            exchange.connection?.handler.setReadsHeld(!context.channel.isWritable)
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if readsHeld {
            pendingRead = true
        } else {
            context.read()
        }
    }

    private func setReadsHeld(_ held: Bool) {
        if readsHeld && !held { lastClientRead = .now() }
        readsHeld = held
        if !held, pendingRead, let context {
            pendingRead = false
            context.read()
        }
    }

    /// Closes the connection if no request is in progress (the server is draining).
    func closeIfIdle() {
        guard case .awaitingHead = state, pipelined.isEmpty else { return }
        state = .closed
        context?.close(promise: nil)
    }

    /// Called by the loop's sweeper with the time before which the client counts as
    /// stalled: closes a connection that has not completed a request head since then,
    /// and answers 408 to a request whose body stopped coming (closing the connection).
    func sweep(stalledBefore limit: NIODeadline) {
        switch state {
        case .awaitingHead(let since) where since < limit:
            state = .closed
            context?.close(promise: nil)
        case .connecting(let exchange), .proxying(let exchange):
            guard !exchange.requestEnded, !readsHeld, lastClientRead < limit else { return }
            exchange.keepAliveDownstream = false
            fail(exchange, with: .requestTimeout)
        default:
            break
        }
    }

    // MARK: Request

    private func receiveHead(_ request: ClientRequestHead, context: ChannelHandlerContext) {
        guard case .awaitingHead = state else {
            context.close(promise: nil)
            return
        }
        let head = request.head
        requestVersion = head.version
        requestIsHead = head.method == .HEAD
        // A local answer leaves a body still to come unread, so the connection closes after it.
        let closeAfterLocalAnswer = !request.isKeepAlive || request.hasBody
        switch loop.config.decide(head, connection: connection) {
        case .respond(let response):
            respond(response, closeAfter: closeAfterLocalAnswer, requestEnded: false)
        case .forward(var plan):
            var pluginContext: RequestContext?
            if !plan.route.chain.isEmpty {
                let context = RequestContext(
                    head: plan.head, clientHead: head, client: connection, route: plan.route.identity)
                // The plan lets go of the head while plugins edit it, so their first edit does not
                // copy its headers; `apply` hands the edited head back.
                plan.head = head
                if case .respond(let response) = plan.route.chain.access(context) {
                    respond(response, closeAfter: closeAfterLocalAnswer, requestEnded: false, plugins: (plan.route.chain, context))
                    return
                }
                apply(context, to: &plan)
                pluginContext = context
            }
            // The parser stops after a request that asks for an upgrade, so such a
            // connection serves one exchange: a tunnel if the upstream switches protocols.
            if let upgrade = request.upgrade { ProxyHeaders.requestUpgrade(upgrade, in: &plan.head.headers) }
            let exchange = Exchange(
                plan: plan, pluginContext: pluginContext, keepAliveDownstream: request.isKeepAlive,
                isIdempotent: head.method.isIdempotent, hasBody: request.hasBody)
            exchange.upgrade = request.upgrade
            state = .connecting(exchange)
            setReadsHeld(true)
            connect(exchange)
        }
    }

    /// Takes what the access phase changed into the plan: the request head and, for a
    /// canary, the destination (with the hash key of its upstream).
    private func apply(_ context: RequestContext, to plan: inout ForwardPlan) {
        plan.head = context.head
        guard let destination = context.destination else { return }
        plan.destination = destination
        if case .upstream(let upstream) = destination {
            plan.hashKey = upstream.hashing.key(for: context.clientHead.headers, connection: connection).0
        }
    }

    private func receiveBody(_ part: HTTPClientRequestPart) {
        switch state {
        case .connecting(let exchange), .proxying(let exchange):
            guard admitBody(part, of: exchange) else { return }
            if case .proxying = state {
                exchange.requestBodySent = true
                exchange.connection?.handler.write(part)
            } else {
                exchange.pendingBody.append(part)
            }
        default:
            break
        }
    }

    /// Counts a body part, hands a copy to a tap, and enforces the body cap a plugin set (413).
    private func admitBody(_ part: HTTPClientRequestPart, of exchange: Exchange) -> Bool {
        guard case .body(.byteBuffer(let chunk)) = part else { return true }
        exchange.requestBodyBytes += chunk.readableBytes
        guard let context = exchange.pluginContext else { return true }
        if let limit = context.maxRequestBodyBytes, exchange.requestBodyBytes > limit {
            fail(exchange, with: .payloadTooLarge(limit: limit))
            return false
        }
        context.bodyTap?.append(chunk)
        return true
    }

    private func receiveEnd(_ trailers: HTTPHeaders?) {
        switch state {
        case .connecting(let exchange):
            exchange.pluginContext?.bodyTap?.finish(complete: true)
            exchange.requestEnded = true
            exchange.pendingBody.append(.end(trailers))
        case .proxying(let exchange):
            exchange.pluginContext?.bodyTap?.finish(complete: true)
            exchange.requestEnded = true
            exchange.connection?.handler.write(.end(trailers))
            exchange.connection?.handler.flush()
            startReadTimer(exchange)
        case .answeredLocally:
            becomeIdle()
            drainPipelined()
        default:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        switch state {
        case .connecting(let exchange):
            noteClientRead(for: exchange)
        case .proxying(let exchange):
            noteClientRead(for: exchange)
            exchange.connection?.handler.flush()
        default:
            break
        }
        context.fireChannelReadComplete()
    }

    /// Notes when the client last sent bytes while `exchange`'s body is still coming: only
    /// then can the body stall, so a request that arrived whole reads no clock.
    private func noteClientRead(for exchange: Exchange) {
        if !exchange.requestEnded { lastClientRead = .now() }
    }

    // MARK: Upstream connection

    private func connect(_ exchange: Exchange) {
        let address: UpstreamAddress
        switch exchange.plan.destination {
        case .address(let fixed):
            address = fixed
        case .upstream(let upstream):
            guard let index = upstream.pick(hashKey: exchange.plan.hashKey, excluding: exchange.failedTargets) else {
                let response: LocalResponse =
                    exchange.failedTargets.isEmpty
                    ? .noUsableTarget(upstream: upstream.name)
                    : .badGateway("every target of upstream '\(upstream.name)' failed")
                fail(exchange, with: response)
                return
            }
            exchange.targetIndex = index
            exchange.activeRequest = upstream.balancer.acquire(index)
            address = upstream.address(of: index, tls: exchange.plan.service.usesTLS)
        }
        if let idle = loop.pool.takeIdle(address) { return attach(idle, to: exchange) }
        loop.pool.open(address, connectTimeout: exchange.plan.service.connectTimeout) { result in
            guard case .connecting(let current) = self.state, current === exchange else {
                // The client left while connecting: the fresh connection is still good for others.
                if case .success(let connection) = result { self.loop.pool.release(connection) }
                return
            }
            switch result {
            case .success(let connection):
                self.attach(connection, to: exchange)
            case .failure(let error):
                self.upstreamFailed(exchange, error: error, address: address)
            }
        }
    }

    private func attach(_ connection: UpstreamConnection, to exchange: Exchange) {
        exchange.connection = connection
        connection.handler.delegate = self
        state = .proxying(exchange)
        exchange.requestSent = true
        if exchange.timesUpstream { exchange.upstreamSentAt = .now() }
        connection.handler.writeHead(
            exchange.plan.head, host: exchange.plan.preserveHost ? nil : connection.address.hostHeader)
        for part in exchange.pendingBody {
            if case .body = part { exchange.requestBodySent = true }
            connection.handler.write(part)
        }
        exchange.pendingBody.removeAll()
        connection.handler.flush()
        connection.handler.setReadsHeld(!(context?.channel.isWritable ?? true))
        if exchange.requestEnded { startReadTimer(exchange) }
        setReadsHeld(!connection.channel.isWritable)
    }

    /// A connection failed before the response started: retry elsewhere when allowed, else answer 502.
    private func upstreamFailed(_ exchange: Exchange, error: any Error, address: UpstreamAddress) {
        if let (upstream, index) = exchange.upstreamTarget { upstream.recordTCPFailure(target: index) }
        releaseTarget(exchange)
        if exchange.mayRetry {
            exchange.attempts += 1
            if let index = exchange.targetIndex { exchange.failedTargets.append(index) }
            exchange.connection = nil
            if exchange.requestSent && exchange.requestEnded {
                exchange.pendingBody.append(.end(nil))
            }
            exchange.requestSent = false
            state = .connecting(exchange)
            setReadsHeld(true)
            connect(exchange)
            return
        }
        fail(exchange, with: .badGateway("could not reach upstream \(address) of service '\(exchange.plan.service.name)'"))
    }

    private func startReadTimer(_ exchange: Exchange) {
        exchange.readTimeoutRunning = true
        exchange.lastUpstreamRead = .now()
        scheduleReadCheck(at: exchange.lastUpstreamRead + exchange.plan.service.readTimeout)
    }

    /// Makes the connection's read check run no later than `deadline`. The check
    /// outlives exchanges, so keep-alive requests to one service reuse it instead of
    /// scheduling and cancelling a timer each.
    private func scheduleReadCheck(at deadline: NIODeadline) {
        if let readCheck, readCheck.at <= deadline { return }
        guard let eventLoop = context?.eventLoop else { return }
        readCheck?.task.cancel()
        let task = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.checkReadTimeout() }
        readCheck = (task, deadline)
    }

    /// Times out an exchange whose upstream stayed silent for its read timeout, and
    /// checks again later while one is waiting.
    private func checkReadTimeout() {
        readCheck = nil
        guard case .proxying(let exchange) = state, exchange.readTimeoutRunning else { return }
        let deadline = exchange.lastUpstreamRead + exchange.plan.service.readTimeout
        if deadline > .now() {
            scheduleReadCheck(at: deadline)
        } else {
            timedOut(exchange)
        }
    }

    private func timedOut(_ exchange: Exchange) {
        if let (upstream, index) = exchange.upstreamTarget { upstream.recordTimeout(target: index) }
        exchange.connection?.handler.delegate = nil
        exchange.connection?.channel.close(promise: nil)
        if exchange.responseStarted {
            abandon(exchange)
            context?.close(promise: nil)
        } else {
            fail(exchange, with: .upstreamTimeout)
        }
    }

    // MARK: Ending exchanges

    /// Answers a failed exchange with `response` when nothing was sent yet, else closes.
    private func fail(_ exchange: Exchange, with response: LocalResponse) {
        stopUpstream(of: exchange)
        guard !exchange.responseStarted else {
            endPlugins(of: exchange, completed: false)
            state = .closed
            context?.close(promise: nil)
            return
        }
        setReadsHeld(false)
        // A body still on its way cannot be skipped reliably: close after answering.
        let closeAfter = !exchange.keepAliveDownstream || (!exchange.requestEnded && exchange.hasBody)
        if let pluginContext = exchange.pluginContext {
            respond(
                response, closeAfter: closeAfter, requestEnded: exchange.requestEnded,
                plugins: (exchange.plan.route.chain, pluginContext), exchange: exchange)
        } else {
            respond(response, closeAfter: closeAfter, requestEnded: exchange.requestEnded)
        }
    }

    /// Stops an exchange that will not complete: its upstream side and its plugins' log phase.
    private func abandon(_ exchange: Exchange) {
        stopUpstream(of: exchange)
        endPlugins(of: exchange, completed: false)
    }

    /// Stops the upstream side of an exchange: timers, its target's count, and its connection (closed).
    private func stopUpstream(of exchange: Exchange) {
        exchange.cancelTimers()
        releaseTarget(exchange)
        if let connection = exchange.connection {
            connection.handler.delegate = nil
            connection.channel.close(promise: nil)
            exchange.connection = nil
        }
    }

    /// Runs the log phase of an exchange, once.
    private func endPlugins(of exchange: Exchange, completed: Bool, answeredLocally: Bool = false) {
        guard let context = exchange.pluginContext, !exchange.logged else { return }
        exchange.logged = true
        context.bodyTap?.finish(complete: exchange.requestEnded)
        let chain = exchange.plan.route.chain
        guard chain.hasLogPhase else { return }
        let upstreamLatency = exchange.upstreamSentAt.flatMap { sent in exchange.upstreamAnsweredAt.map { $0 - sent } }
        chain.log(
            ExchangeSummary(
                status: exchange.clientStatus, answeredLocally: answeredLocally,
                upstreamAddress: exchange.upstreamAddress?.description,
                totalLatency: .now() - context.receivedAt, upstreamLatency: upstreamLatency,
                requestBodyBytes: exchange.requestBodyBytes, responseBodyBytes: exchange.responseBodyBytes,
                completed: completed),
            context: context)
    }

    /// Runs the log phase of a request its plugins answered before any exchange started.
    private func logAnswered(_ response: LocalResponse, chain: PluginChain, context: RequestContext) {
        guard chain.hasLogPhase else { return }
        chain.log(
            ExchangeSummary(
                status: Int(response.status.code), answeredLocally: true, upstreamAddress: nil,
                totalLatency: .now() - context.receivedAt, upstreamLatency: nil, requestBodyBytes: 0,
                responseBodyBytes: response.body.readableBytes, completed: true),
            context: context)
    }

    private func releaseTarget(_ exchange: Exchange) {
        exchange.activeRequest?.release()
        exchange.activeRequest = nil
    }

    /// Answers the current request locally; queued pipelined requests follow once its end is written.
    ///
    /// For a matched request with plugins, the response phase shapes the head and the log
    /// phase sees the answer (through `exchange` when one had started).
    private func respond(
        _ response: LocalResponse, closeAfter: Bool, requestEnded: Bool,
        plugins: (chain: PluginChain, context: RequestContext)? = nil, exchange: Exchange? = nil
    ) {
        guard let context else { return }
        let closeAfter = closeAfter || loop.draining
        if closeAfter {
            state = .closed
        } else if requestEnded {
            becomeIdle()
        } else {
            state = .answeredLocally
        }
        var response = response
        var head = ClientResponseHead(response.head(version: requestVersion, keepAlive: !closeAfter))
        if let plugins, let failure = plugins.chain.responseHead(&head, context: plugins.context) {
            response = failure
            head = ClientResponseHead(failure.head(version: requestVersion, keepAlive: !closeAfter))
        }
        writeHead(head, context: context)
        writeBody(response.body, context: context)
        if let exchange {
            exchange.clientStatus = Int(response.status.code)
            exchange.responseBodyBytes = response.body.readableBytes
            endPlugins(of: exchange, completed: true, answeredLocally: true)
        } else if let plugins {
            logAnswered(response, chain: plugins.chain, context: plugins.context)
        }
        writeEnd(nil, thenClose: closeAfter, context: context)
        if !closeAfter { drainPipelined() }
    }

    // MARK: Writing responses

    /// Frames a head; it leaves at the next flush, with the body bytes that fit behind it.
    private func writeHead(_ head: consuming ClientResponseHead, context: ChannelHandlerContext) {
        framer.head(head, answersHEAD: requestIsHead, allocator: context.channel.allocator) { write($0, context: context) }
    }

    private func writeBody(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        framer.body(bytes, allocator: context.channel.allocator) { write($0, context: context) }
    }

    private func write(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        unflushed = true
        context.write(wrapOutboundOut(bytes), promise: nil)
    }

    /// Flushes what was written since the last flush, the staged head included, if anything.
    private func flushIfWritten(context: ChannelHandlerContext) {
        framer.release { write($0, context: context) }
        guard unflushed else { return }
        unflushed = false
        context.flush()
    }

    /// Writes the end of the response and flushes; with `thenClose`, closes the connection once it is written.
    private func writeEnd(_ trailers: HTTPHeaders?, thenClose: Bool, context: ChannelHandlerContext) {
        framer.end(trailers, allocator: context.channel.allocator) { write($0, context: context) }
        guard thenClose else { return flushIfWritten(context: context) }
        unflushed = false
        // An empty write when nothing is staged: its completion orders the close after the response.
        context.writeAndFlush(wrapOutboundOut(framer.takeStaged() ?? ByteBuffer())).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func becomeIdle() {
        state = .awaitingHead(since: .now())
        setReadsHeld(false)
    }
}

extension DownstreamHandler: UpstreamConnectionDelegate {
    func upstreamDidReceive(_ part: UpstreamResponsePart) {
        if tunnelBacklog != nil {
            if case .body(let bytes) = part { tunnelBacklog?.append(bytes) }
            return
        }
        guard case .proxying(let exchange) = state, let context else { return }
        switch part {
        case .head(let head) where head.status.code < 200 && head.status != .switchingProtocols:
            // Interim responses (100 Continue) are relayed; HTTP/1.0 clients do not expect them.
            if requestVersion != .http1_0 { writeHead(ProxyHeaders.interimResponseHead(from: head), context: context) }
        case .head(let head):
            if exchange.timesUpstream { exchange.upstreamAnsweredAt = .now() }
            if let (upstream, index) = exchange.upstreamTarget {
                upstream.recordResponse(status: Int(head.status.code), target: index)
            }
            exchange.upstreamKeepAlive = head.isKeepAlive
            if !exchange.requestEnded || !Self.isDelimited(head, for: requestVersion) || loop.draining {
                exchange.keepAliveDownstream = false
            }
            let switching = head.status == .switchingProtocols
            if switching {
                guard exchange.upgrade != nil else {
                    exchange.upstreamKeepAlive = false
                    fail(exchange, with: .badGateway("the upstream switched protocols although the client did not ask to"))
                    return
                }
                exchange.upstreamKeepAlive = false
                exchange.keepAliveDownstream = true  // No `Connection: close` on a 101: the connection goes on as a tunnel.
            }
            guard writeClientHead(for: head, of: exchange, switching: switching, context: context) else { return }
            exchange.responseStarted = true
            if switching { openTunnel(exchange, context: context) }
        case .body(let body):
            exchange.responseBodyBytes += body.readableBytes
            writeBody(body, context: context)
        case .end(let trailers):
            finish(exchange, trailers: trailers, context: context)
        }
    }

    /// Writes the client's head of an upstream's final response, shaped by the response
    /// phase. False when a plugin failed there and the exchange was answered 500 instead.
    private func writeClientHead(
        for head: UpstreamResponseHead, of exchange: Exchange, switching: Bool, context: ChannelHandlerContext
    ) -> Bool {
        let chain = exchange.plan.route.chain
        var clientHead = ProxyHeaders.clientResponseHead(
            from: head, version: requestVersion, keepAlive: exchange.keepAliveDownstream,
            setCookie: exchange.plan.setCookie,
            reserving: exchange.pluginContext.map { $0.responseHeaders.added.count + chain.responseHeadroom } ?? 0)
        if switching { ProxyHeaders.acceptUpgrade(from: head.headers, in: &clientHead.headers) }
        if let pluginContext = exchange.pluginContext, let failure = chain.responseHead(&clientHead, context: pluginContext) {
            exchange.upstreamKeepAlive = false
            fail(exchange, with: failure)
            return false
        }
        exchange.clientStatus = Int(clientHead.status.code)
        writeHead(clientHead, context: context)
        return true
    }

    /// Turns the exchange into a byte tunnel once the 101 is on its way: the exchange
    /// ends (log phase, target released); on the next loop turn, once the upstream read
    /// that carried the 101 is over (bytes behind it wait in `tunnelBacklog`), both
    /// pipelines lose their HTTP handlers.
    private func openTunnel(_ exchange: Exchange, context: ChannelHandlerContext) {
        guard let connection = exchange.connection else { return }
        endPlugins(of: exchange, completed: true)
        exchange.cancelTimers()
        releaseTarget(exchange)
        exchange.connection = nil
        state = .closed
        tunnelBacklog = []
        writeEnd(nil, thenClose: false, context: context)
        let idleTimeout = exchange.plan.service.readTimeout
        context.eventLoop.assumeIsolated().execute {
            connection.handler.delegate = nil
            let backlog = self.tunnelBacklog ?? []
            self.tunnelBacklog = nil
            do {
                try TunnelHandler.join(
                    client: context.pipeline.syncOperations, clientHTTP: context, upstream: connection,
                    backlog: backlog, idleTimeout: idleTimeout)
            } catch {
                context.close(promise: nil)
                connection.channel.close(promise: nil)
            }
        }
    }

    /// Whether the client can find the end of this response without the connection
    /// closing: an HTTP/1.0 client cannot read chunked framing.
    private static func isDelimited(_ head: UpstreamResponseHead, for version: HTTPVersion) -> Bool {
        version != .http1_0 || !head.status.mayHaveResponseBody || head.framing.contentLength != nil
    }

    /// Ends an exchange whose response is complete. The state changes before the
    /// response's end is written: writing it hands over the next pipelined request at once.
    private func finish(_ exchange: Exchange, trailers: HTTPHeaders?, context: ChannelHandlerContext) {
        endPlugins(of: exchange, completed: true)
        exchange.cancelTimers()
        releaseTarget(exchange)
        if let connection = exchange.connection {
            exchange.connection = nil
            if exchange.requestEnded && exchange.upstreamKeepAlive {
                loop.pool.release(connection)
            } else {
                connection.handler.delegate = nil
                connection.channel.close(promise: nil)
            }
        }
        if exchange.keepAliveDownstream && !loop.draining {
            becomeIdle()
            writeEnd(trailers, thenClose: false, context: context)
            drainPipelined()
        } else {
            state = .closed
            writeEnd(trailers, thenClose: true, context: context)
        }
    }

    func upstreamReadComplete() {
        if case .proxying(let exchange) = state { exchange.lastUpstreamRead = .now() }
        if let context { flushIfWritten(context: context) }
    }

    func upstreamWritabilityChanged(isWritable: Bool) {
        guard case .proxying(let exchange) = state, let eventLoop = context?.eventLoop else { return }
        setReadsHeld(!isWritable)
        if isWritable {
            exchange.writeTimer?.cancel()
            exchange.writeTimer = nil
        } else if exchange.writeTimer == nil {
            exchange.writeTimer = eventLoop.assumeIsolated().scheduleTask(in: exchange.plan.service.writeTimeout) {
                guard case .proxying(let current) = self.state, current === exchange else { return }
                self.timedOut(exchange)
            }
        }
    }

    func upstreamDidFail(_ error: any Error) {
        guard case .proxying(let exchange) = state, let connection = exchange.connection else { return }
        exchange.cancelTimers()
        connection.channel.close(promise: nil)
        if exchange.responseStarted {
            abandon(exchange)
            state = .closed
            context?.close(promise: nil)
        } else {
            upstreamFailed(exchange, error: error, address: connection.address)
        }
    }
}

extension HTTPPart {
    var isHead: Bool {
        if case .head = self { return true }
        return false
    }
}
