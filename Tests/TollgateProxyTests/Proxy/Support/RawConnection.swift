import NIOCore
import NIOPosix

/// A plain TCP client for requests that HTTP clients refuse to send (smuggling
/// attempts, slow headers): writes bytes and waits for what comes back.
final class RawConnection: Sendable {
    /// Raised when no complete response arrived in time, or the connection closed first.
    struct NoResponse: Error, CustomStringConvertible {
        var received: String
        var description: String { "no complete response; received: \(received.prefix(400))" }
    }

    private let channel: any Channel
    private let collector: NIOLoopBound<RawCollector>

    private init(channel: any Channel, collector: NIOLoopBound<RawCollector>) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `127.0.0.1:port`.
    static func connect(port: Int) async throws -> RawConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawCollector())
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        let collector = try await channel.eventLoop.submit {
            NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: RawCollector.self), eventLoop: channel.eventLoop)
        }.get()
        return RawConnection(channel: channel, collector: collector)
    }

    /// Writes `text` as is (use `\r\n` line ends).
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Waits for the next complete response after those already taken; `bodyless`
    /// for the answer to a HEAD request.
    func response(within timeout: TimeAmount = .seconds(5), bodyless: Bool = false) async throws -> RawResponse {
        let collector = self.collector
        let eventLoop = channel.eventLoop
        return try await eventLoop.flatSubmit {
            collector.value.next(within: timeout, bodyless: bodyless, on: eventLoop)
        }.get()
    }

    /// Waits until the bytes not taken as responses yet contain `text`; returns them.
    func received(containing text: String, within timeout: TimeAmount = .seconds(5)) async throws -> String {
        let deadline = NIODeadline.now() + timeout
        while true {
            let collector = self.collector
            let unconsumed = try await channel.eventLoop.submit { collector.value.unconsumedText }.get()
            if unconsumed.contains(text) { return unconsumed }
            guard NIODeadline.now() < deadline else { throw NoResponse(received: unconsumed) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Whether the peer closed the connection within `timeout`.
    func closed(within timeout: TimeAmount) async -> Bool {
        let promise = channel.eventLoop.makePromise(of: Bool.self)
        channel.closeFuture.whenComplete { _ in promise.succeed(true) }
        let timer = channel.eventLoop.scheduleTask(in: timeout) { promise.succeed(false) }
        let closed = (try? await promise.futureResult.get()) ?? false
        timer.cancel()
        return closed
    }

    func close() async {
        try? await channel.close()
    }
}

/// Collects a raw connection's bytes and hands out complete responses.
final class RawCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var received: [UInt8] = []
    private var consumed = 0
    private var closed = false
    private var waiter: (promise: EventLoopPromise<RawResponse>, timer: Scheduled<Void>, bodyless: Bool)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        deliver()
        if let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(RawConnection.NoResponse(received: receivedText))
        }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        waiter?.promise.fail(ChannelError.ioOnClosedChannel)
        waiter = nil
    }

    /// A future for the next complete response; fails after `timeout`.
    func next(within timeout: TimeAmount, bodyless: Bool, on eventLoop: any EventLoop) -> EventLoopFuture<RawResponse> {
        let promise = eventLoop.makePromise(of: RawResponse.self)
        let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.waiter = nil
            promise.fail(RawConnection.NoResponse(received: self.receivedText))
        }
        waiter = (promise, timer, bodyless)
        deliver()
        if closed, let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(RawConnection.NoResponse(received: receivedText))
        }
        return promise.futureResult
    }

    private var receivedText: String { String(decoding: received[consumed...], as: UTF8.self) }

    /// What arrived after the last response taken.
    var unconsumedText: String { receivedText }

    private func deliver() {
        guard let waiter,
            let response = RawResponse.parse(received[consumed...], closed: closed, bodyless: waiter.bodyless)
        else { return }
        self.waiter = nil
        consumed += response.length
        waiter.timer.cancel()
        waiter.promise.succeed(response)
    }
}
