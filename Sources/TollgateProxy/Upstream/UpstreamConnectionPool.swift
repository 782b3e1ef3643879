import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The idle upstream connections of one event loop, keyed by address.
///
/// Connections are created on the pool's own loop (`ClientBootstrap(group:
/// eventLoop)`), so a client connection and its upstream stay on one thread.
/// A connection to a TLS address is leased once its handshake succeeded.
/// Loop-bound: use it only from its event loop.
final class UpstreamConnectionPool {
    /// How long an idle connection is kept before it is closed.
    static let idleTimeout = TimeAmount.seconds(60)
    /// The most idle connections kept per address.
    static let maxIdlePerAddress = 256

    let eventLoop: any EventLoop
    private let resolver: HostResolver
    private let tls: UpstreamTLS
    private var idle: [UpstreamAddress: IdleConnections] = [:]
    private var sweeper: Scheduled<Void>?
    /// Set by ``shutdown()``: connections released afterwards are closed, not kept.
    private var isShutDown = false

    /// Must run on `eventLoop`.
    init(eventLoop: any EventLoop, resolver: HostResolver, tls: UpstreamTLS) {
        self.eventLoop = eventLoop
        self.resolver = resolver
        self.tls = tls
        scheduleSweep()
    }

    /// Closes expired connections every 5 seconds until ``shutdown()``. The task holds the
    /// pool strongly: a weak reference would move the pool's reference counts, changed on
    /// every lease and release, to a slower side table.
    private func scheduleSweep() {
        sweeper = eventLoop.assumeIsolated().scheduleTask(in: .seconds(5)) {
            self.closeExpired()
            self.scheduleSweep()
        }
    }

    /// An idle connection to `address`, taken out of the pool; nil when there is none.
    func takeIdle(_ address: UpstreamAddress) -> UpstreamConnection? {
        guard let connections = idle[address] else { return nil }
        while let connection = connections.list.popLast() {
            if connection.isActive { return connection }
        }
        return nil
    }

    /// Opens a new connection to `address` and hands it to `completion` once connected.
    func open(
        _ address: UpstreamAddress, connectTimeout: TimeAmount,
        then completion: @escaping (Result<UpstreamConnection, any Error>) -> Void
    ) {
        connect(address, timeout: connectTimeout).assumeIsolated().whenComplete { result in
            completion(
                result.flatMap { channel in
                    Result {
                        let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                        let connection = UpstreamConnection(channel: channel, address: address, handler: handler)
                        // Set once: it runs only when the connection closes while idle (no exchange on it).
                        // It holds the address's list, not a weak reference to the pool or the connection:
                        // that would move their reference counts, changed on every lease, to a slower
                        // side table. The list holds the connection only while it is idle.
                        let connections = self.idleConnections(for: address)
                        handler.onIdleClose = { closed in connections.list.removeAll { $0.handler === closed } }
                        return connection
                    }
                })
        }
    }

    /// Returns a connection whose exchange ended cleanly; it is closed when the pool is
    /// full or shut down.
    func release(_ connection: UpstreamConnection) {
        connection.handler.delegate = nil
        // An idle connection keeps reading, so that an upstream closing it is noticed.
        connection.handler.setReadsHeld(false)
        connection.idleSince = .now()
        let connections = idleConnections(for: connection.address)
        guard !isShutDown, connection.isActive, connections.list.count < Self.maxIdlePerAddress else {
            connection.channel.close(promise: nil)
            return
        }
        connections.list.append(connection)
    }

    private func idleConnections(for address: UpstreamAddress) -> IdleConnections {
        if let connections = idle[address] { return connections }
        let connections = IdleConnections()
        idle[address] = connections
        return connections
    }

    /// Closes every idle connection, and those released from now on; stops the sweeper.
    func shutdown() {
        isShutDown = true
        sweeper?.cancel()
        for connection in idle.values.flatMap(\.list) { connection.channel.close(promise: nil) }
        idle.removeAll()
    }

    private func closeExpired() {
        let limit = NIODeadline.now() - Self.idleTimeout
        for connections in idle.values {
            let (expired, fresh) = connections.list.reduce(into: ([UpstreamConnection](), [UpstreamConnection]())) {
                if $1.idleSince < limit { $0.0.append($1) } else { $0.1.append($1) }
            }
            guard !expired.isEmpty else { continue }
            connections.list = fresh
            for connection in expired {
                connection.handler.onIdleClose = nil
                connection.channel.close(promise: nil)
            }
        }
    }

    /// Resolves the host (cached, off the loop), then connects within `timeout`, the
    /// TLS handshake included.
    private func connect(_ address: UpstreamAddress, timeout: TimeAmount) -> EventLoopFuture<any Channel> {
        // Completed by the waiter, or failed when the connection fails before the handshake started.
        let handshake = address.tls ? eventLoop.makePromise(of: Void.self) : nil
        let deadline = NIODeadline.now() + timeout
        let tls = self.tls
        let bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: true)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let handshake {
                        try sync.addHandler(tls.makeClientHandler(for: address))
                        try sync.addHandler(TLSHandshakeWaiter(promise: handshake, deadline: deadline))
                    }
                    try sync.addHandler(UpstreamHandler())
                }
            }
        let connected = resolver.resolve(host: address.host, port: address.port, on: eventLoop).assumeIsolated()
            .flatMap { socketAddress in bootstrap.connect(to: socketAddress) }
            .nonisolated()
        guard let handshake else { return connected }
        connected.whenFailure { handshake.fail($0) }
        return connected.flatMap { channel in
            handshake.futureResult.map { channel }.flatMapErrorThrowing { error in
                channel.close(promise: nil)
                throw error
            }
        }
    }
}

/// The idle connections to one address, most recently released last. A class, so that
/// taking and returning a connection changes the list in place, without a dictionary
/// write per exchange.
private final class IdleConnections {
    var list: [UpstreamConnection] = []
}
