import NIOCore
import NIOPosix
import Synchronization

/// Resolves upstream host names to socket addresses, off the event loops, and
/// caches each answer for ``ttl`` so the hot path resolves a name once per TTL.
///
/// IP literals never reach the resolver. `getaddrinfo` reports no TTL, so one
/// fixed TTL applies to every name; failures are not cached.
public final class HostResolver: Sendable {
    /// Looks up a name; blocking, so it runs on the thread pool.
    public typealias Lookup = @Sendable (_ host: String, _ port: Int) throws -> SocketAddress

    private struct Answer {
        let address: SocketAddress
        let expires: NIODeadline
    }

    /// How long an answer is reused.
    public let ttl: TimeAmount
    private let lookup: Lookup
    private let threadPool: NIOThreadPool
    private let answers = Mutex<[String: Answer]>([:])

    /// - Parameters:
    ///   - ttl: How long an answer is reused (30 s by default).
    ///   - threadPool: Where blocking lookups run.
    ///   - lookup: The lookup itself (`getaddrinfo` by default; tests count calls).
    public init(
        ttl: TimeAmount = .seconds(30), threadPool: NIOThreadPool = .singleton,
        lookup: @escaping Lookup = { try SocketAddress.makeAddressResolvingHost($0, port: $1) }
    ) {
        self.ttl = ttl
        self.threadPool = threadPool
        self.lookup = lookup
    }

    /// The address of `host:port`: at once for an IP literal or a fresh cached
    /// answer, else after a lookup on the thread pool.
    public func resolve(host: String, port: Int, on eventLoop: any EventLoop) -> EventLoopFuture<SocketAddress> {
        if let literal = try? SocketAddress(ipAddress: host, port: port) {
            return eventLoop.makeSucceededFuture(literal)
        }
        let key = "\(host):\(port)"
        let now = NIODeadline.now()
        if let cached = answers.withLock({ $0[key] }), cached.expires > now {
            return eventLoop.makeSucceededFuture(cached.address)
        }
        let lookup = self.lookup
        return threadPool.runIfActive(eventLoop: eventLoop) { try lookup(host, port) }
            .map { address in
                self.answers.withLock { $0[key] = Answer(address: address, expires: .now() + self.ttl) }
                return address
            }
    }

    /// Drops every cached answer.
    public func flush() {
        answers.withLock { $0.removeAll() }
    }
}
