import NIOCore
import NIOHTTP1

/// Sends a mirror's copies from one event loop, over that loop's own pool of
/// keep-alive connections to the mirror: the same connection code as the proxy's,
/// with the answer read and thrown away.
///
/// Loop-bound: use it only from its event loop.
final class MirrorLoopSender {
    private let pool: UpstreamConnectionPool

    /// Must run on `eventLoop`.
    init(eventLoop: any EventLoop, upstreamAccess: UpstreamAccess) {
        pool = UpstreamConnectionPool(eventLoop: eventLoop, resolver: upstreamAccess.resolver, tls: upstreamAccess.tls)
    }

    /// Sends `head` and `body` to `address`; `completion` learns, once, whether an
    /// answer came before `deadline`.
    func send(
        _ head: HTTPRequestHead, body: ByteBuffer?, to address: UpstreamAddress, deadline: NIODeadline,
        completion: @escaping (Bool) -> Void
    ) {
        let remaining = deadline - .now()
        guard remaining > .zero else { return completion(false) }
        let start = { (connection: UpstreamConnection) in
            MirrorExchange(connection: connection, pool: self.pool, deadline: deadline, completion: completion)
                .start(head, body: body)
        }
        if let idle = pool.takeIdle(address) { return start(idle) }
        pool.open(address, connectTimeout: remaining) { result in
            switch result {
            case .success(let connection): start(connection)
            case .failure: completion(false)
            }
        }
    }

    /// Closes the idle connections; copies in flight finish on theirs.
    func shutdown() {
        pool.shutdown()
    }
}

/// One copy on a leased connection: written whole, its answer read to the end and
/// dropped; the connection goes back to the pool when it can be reused, and is
/// closed when the deadline passes first.
///
/// Loop-bound.
private final class MirrorExchange: UpstreamConnectionDelegate {
    private let connection: UpstreamConnection
    private let pool: UpstreamConnectionPool
    private var completion: ((Bool) -> Void)?
    private var timeout: Scheduled<Void>?
    private var reusable = false

    init(
        connection: UpstreamConnection, pool: UpstreamConnectionPool, deadline: NIODeadline,
        completion: @escaping (Bool) -> Void
    ) {
        self.connection = connection
        self.pool = pool
        self.completion = completion
        timeout = connection.channel.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.end(answered: false)
        }
    }

    func start(_ head: HTTPRequestHead, body: ByteBuffer?) {
        connection.handler.delegate = self
        connection.handler.setReadsHeld(false)
        connection.handler.write(.head(head))
        if let body { connection.handler.write(.body(.byteBuffer(body))) }
        connection.handler.write(.end(nil))
        connection.handler.flush()
    }

    func upstreamDidReceive(_ part: UpstreamResponsePart) {
        switch part {
        case .head(let head) where head.status.code >= 200:
            reusable = head.isKeepAlive
        case .head, .body:
            break
        case .end:
            end(answered: true)
        }
    }

    func upstreamReadComplete() {}

    func upstreamWritabilityChanged(isWritable: Bool) {}

    func upstreamDidFail(_ error: any Error) {
        reusable = false
        end(answered: false)
    }

    /// Hands the outcome over once; the connection goes back to the pool only after a complete, reusable answer.
    private func end(answered: Bool) {
        guard let completion else { return }
        self.completion = nil
        timeout?.cancel()
        if answered && reusable {
            pool.release(connection)
        } else {
            connection.handler.delegate = nil
            connection.channel.close(promise: nil)
        }
        completion(answered)
    }
}
