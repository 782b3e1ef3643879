import NIOCore
import NIOHTTP1
import TollgateCore

/// The last handler of a client connection: routes each request through the
/// loop's snapshot and streams it to an upstream and the response back, with
/// read gating on both sides so neither body is ever buffered whole.
///
/// Loop-bound (not `Sendable` on purpose): every callback runs on the connection's event loop.
final class DownstreamHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

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
    /// Parts of pipelined requests read while an earlier exchange was still answering.
    private var pipelined = CircularBuffer<HTTPServerRequestPart>()
    private var pendingRead = false

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
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        // A pipelined request waits until the exchange before it has answered.
        if !pipelined.isEmpty || (part.isHead && !isAwaitingHead) {
            pipelined.append(part)
            setReadsHeld(true)
            return
        }
        dispatch(part, context: context)
    }

    private func dispatch(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head): receiveHead(head, context: context)
        case .body(let body): receiveBody(.body(.byteBuffer(body)))
        case .end(let trailers): receiveEnd(trailers)
        }
    }

    private var isAwaitingHead: Bool {
        if case .awaitingHead = state { return true }
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
        let response: LocalResponse
        switch error as? HTTPParserError {
        case .headerOverflow?: response = .headersTooLarge
        case .some: response = .badRequest
        case nil:
            context.close(promise: nil)
            return
        }
        if case .awaitingHead = state {
            respond(response, closeAfter: true, requestEnded: false)
        } else {
            context.close(promise: nil)
        }
    }

    func read(context: ChannelHandlerContext) {
        if readsHeld {
            pendingRead = true
        } else {
            context.read()
        }
    }

    private func setReadsHeld(_ held: Bool) {
        readsHeld = held
        if !held, pendingRead, let context {
            pendingRead = false
            context.read()
        }
    }

    /// Called by the loop's sweeper: closes the connection when no complete head arrived since `limit`.
    func closeIfAwaitingHead(since limit: NIODeadline) {
        if case .awaitingHead(let since) = state, since < limit {
            state = .closed
            context?.close(promise: nil)
        }
    }

    // MARK: Request

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard case .awaitingHead = state else {
            context.close(promise: nil)
            return
        }
        requestVersion = head.version
        requestIsHead = head.method == .HEAD
        if head.uri.utf8.count > ProxyLimits.maxRequestTargetBytes {
            respond(.uriTooLong, closeAfter: true, requestEnded: false)
            return
        }
        let transferCodings = head.headers["transfer-encoding"]
        if !transferCodings.isEmpty && !Self.isChunkedOnly(transferCodings) {
            respond(.badRequest, closeAfter: true, requestEnded: false)
            return
        }
        let hasBody = !transferCodings.isEmpty || head.headers.first(name: "content-length").map { $0 != "0" } ?? false
        // The decoder stops parsing after a request that asks for an upgrade, so such a
        // connection serves one exchange. (WebSocket pass-through is not implemented:
        // `Upgrade` is hop-by-hop and never reaches the upstream.)
        let keepAlive = head.isKeepAlive && !head.headers.contains(name: "upgrade")
        switch loop.config.decide(head, connection: connection) {
        case .respond(let response):
            respond(response, closeAfter: !keepAlive || hasBody, requestEnded: false)
        case .forward(let plan):
            let exchange = Exchange(
                plan: plan, keepAliveDownstream: keepAlive, isIdempotent: head.method.isIdempotent, hasBody: hasBody)
            state = .connecting(exchange)
            setReadsHeld(true)
            connect(exchange)
        }
    }

    private func receiveBody(_ part: HTTPClientRequestPart) {
        switch state {
        case .connecting(let exchange):
            exchange.pendingBody.append(part)
        case .proxying(let exchange):
            exchange.requestBodySent = true
            exchange.connection?.handler.write(part)
        default:
            break
        }
    }

    /// Whether the `Transfer-Encoding` values are exactly `chunked`: the proxy
    /// re-frames bodies itself, so other codings cannot be relayed faithfully.
    private static func isChunkedOnly(_ codings: [String]) -> Bool {
        codings.count == 1 && codings[0].utf8.count == 7 && codings[0].lowercased() == "chunked"
    }

    private func receiveEnd(_ trailers: HTTPHeaders?) {
        switch state {
        case .connecting(let exchange):
            exchange.requestEnded = true
            exchange.pendingBody.append(.end(trailers))
        case .proxying(let exchange):
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
        if case .proxying(let exchange) = state {
            exchange.connection?.handler.flush()
        }
        context.fireChannelReadComplete()
    }

    // MARK: Upstream connection

    private func connect(_ exchange: Exchange) {
        let address: UpstreamAddress
        switch exchange.plan.service.destination {
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
            address = upstream.addresses[index]
        }
        guard !address.tls else {
            // TLS to upstreams is not implemented yet: never send such a request in clear text.
            let service = exchange.plan.service.name
            fail(exchange, with: .badGateway("service '\(service)' uses https, which the proxy cannot reach yet"))
            return
        }
        loop.pool.lease(address, connectTimeout: exchange.plan.service.connectTimeout) { result in
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
        var head = exchange.plan.head
        if !exchange.plan.preserveHost {
            head.headers.replaceOrAdd(name: "host", value: connection.address.hostHeader)
        }
        state = .proxying(exchange)
        exchange.requestSent = true
        connection.handler.write(.head(head))
        while let part = exchange.pendingBody.popFirst() {
            if case .body = part { exchange.requestBodySent = true }
            connection.handler.write(part)
        }
        connection.handler.flush()
        connection.handler.setReadsHeld(!(context?.channel.isWritable ?? true))
        if exchange.requestEnded { startReadTimer(exchange) }
        setReadsHeld(!connection.channel.isWritable)
    }

    /// A connection failed before the response started: retry elsewhere when allowed, else answer 502.
    private func upstreamFailed(_ exchange: Exchange, error: any Error, address: UpstreamAddress) {
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
        guard exchange.readTimer == nil, let eventLoop = context?.eventLoop else { return }
        exchange.lastUpstreamRead = .now()
        scheduleReadCheck(exchange, after: exchange.plan.service.readTimeout, on: eventLoop)
    }

    /// Checks the read timeout once per period instead of rescheduling on every read.
    private func scheduleReadCheck(_ exchange: Exchange, after delay: TimeAmount, on eventLoop: any EventLoop) {
        exchange.readTimer = eventLoop.assumeIsolated().scheduleTask(in: delay) {
            guard case .proxying(let current) = self.state, current === exchange else { return }
            let deadline = exchange.lastUpstreamRead + exchange.plan.service.readTimeout
            let now = NIODeadline.now()
            if deadline > now {
                self.scheduleReadCheck(exchange, after: deadline - now, on: eventLoop)
            } else {
                self.timedOut(exchange)
            }
        }
    }

    private func timedOut(_ exchange: Exchange) {
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
        abandon(exchange)
        guard !exchange.responseStarted else {
            state = .closed
            context?.close(promise: nil)
            return
        }
        setReadsHeld(false)
        // A body still on its way cannot be skipped reliably: close after answering.
        let closeAfter = !exchange.keepAliveDownstream || (!exchange.requestEnded && exchange.hasBody)
        respond(response, closeAfter: closeAfter, requestEnded: exchange.requestEnded)
    }

    /// Stops an exchange: timers, its target's count, and its upstream connection (closed).
    private func abandon(_ exchange: Exchange) {
        exchange.cancelTimers()
        releaseTarget(exchange)
        if let connection = exchange.connection {
            connection.handler.delegate = nil
            connection.channel.close(promise: nil)
            exchange.connection = nil
        }
    }

    private func releaseTarget(_ exchange: Exchange) {
        exchange.activeRequest?.release()
        exchange.activeRequest = nil
    }

    /// Answers the current request locally; queued pipelined requests follow once its end is written.
    private func respond(_ response: LocalResponse, closeAfter: Bool, requestEnded: Bool) {
        guard let context else { return }
        if closeAfter {
            state = .closed
        } else if requestEnded {
            becomeIdle()
        } else {
            state = .answeredLocally
        }
        context.write(wrapOutboundOut(.head(response.head(version: requestVersion, keepAlive: !closeAfter))), promise: nil)
        if !requestIsHead {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        if closeAfter {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            drainPipelined()
        }
    }

    private func becomeIdle() {
        state = .awaitingHead(since: .now())
        setReadsHeld(false)
    }
}

extension DownstreamHandler: UpstreamConnectionDelegate {
    func upstreamDidReceive(_ part: HTTPClientResponsePart) {
        guard case .proxying(let exchange) = state, let context else { return }
        exchange.lastUpstreamRead = .now()
        switch part {
        case .head(let head) where head.status.code < 200 && head.status != .switchingProtocols:
            // Interim responses (100 Continue) are relayed; HTTP/1.0 clients do not expect them.
            if requestVersion != .http1_0 { context.write(wrapOutboundOut(.head(head)), promise: nil) }
        case .head(let head):
            exchange.responseStarted = true
            exchange.upstreamKeepAlive = head.isKeepAlive
            if !exchange.requestEnded || !Self.isDelimited(head, for: requestVersion) {
                exchange.keepAliveDownstream = false
            }
            if head.status == .switchingProtocols {
                // Upgrades are not relayed yet (no WebSocket pass-through): a 101 is passed on
                // as a final response and both connections close after it, since neither
                // side speaks HTTP/1.1 on them any more.
                exchange.upstreamKeepAlive = false
                exchange.keepAliveDownstream = false
            }
            let clientHead = ProxyHeaders.clientResponseHead(
                from: head, version: requestVersion, keepAlive: exchange.keepAliveDownstream,
                setCookie: exchange.plan.setCookie)
            context.write(wrapOutboundOut(.head(clientHead)), promise: nil)
        case .body(let body):
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        case .end(let trailers):
            finish(exchange, trailers: trailers, context: context)
        }
    }

    /// Whether the client can find the end of this response without the connection
    /// closing: an HTTP/1.0 client cannot read chunked framing.
    private static func isDelimited(_ head: HTTPResponseHead, for version: HTTPVersion) -> Bool {
        version != .http1_0 || !head.status.mayHaveResponseBody || head.headers.contains(name: "content-length")
    }

    /// Ends an exchange whose response is complete. The state changes before the
    /// response's end is written: writing it hands over the next pipelined request at once.
    private func finish(_ exchange: Exchange, trailers: HTTPHeaders?, context: ChannelHandlerContext) {
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
        if exchange.keepAliveDownstream {
            becomeIdle()
            context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: nil)
            drainPipelined()
        } else {
            state = .closed
            context.writeAndFlush(wrapOutboundOut(.end(trailers))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    func upstreamReadComplete() {
        context?.flush()
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

extension HTTPServerRequestPart {
    var isHead: Bool {
        if case .head = self { return true }
        return false
    }
}
