import NIOCore

/// What one event loop of the proxy owns: the configuration snapshot published
/// to it, its upstream connection pool and its client connections.
///
/// Loop-bound: reads take no lock because only this loop touches it.
final class ProxyLoop {
    let eventLoop: any EventLoop
    /// The snapshot new requests use; in-flight exchanges keep the one they started with.
    var config: RuntimeConfig
    let pool: UpstreamConnectionPool
    let headerTimeout: TimeAmount
    private var connections: [ObjectIdentifier: DownstreamHandler] = [:]
    private var sweeper: Scheduled<Void>?
    /// Set when the server shuts down: connections close once their exchange is over.
    private(set) var draining = false

    /// Must run on `eventLoop`.
    init(
        eventLoop: any EventLoop, config: RuntimeConfig, headerTimeout: TimeAmount, resolver: HostResolver,
        upstreamTLS: UpstreamTLS
    ) {
        self.eventLoop = eventLoop
        self.config = config
        self.pool = UpstreamConnectionPool(eventLoop: eventLoop, resolver: resolver, tls: upstreamTLS)
        self.headerTimeout = headerTimeout
        scheduleSweep()
    }

    /// Sweeps four times per header timeout (at least every 50 ms), rescheduling itself
    /// until ``shutdown()``. The task holds the loop strongly: a weak reference would move
    /// the loop's reference counts, changed on every request, to a slower side table.
    private func scheduleSweep() {
        let period = TimeAmount.nanoseconds(max(headerTimeout.nanoseconds / 4, 50_000_000))
        sweeper = eventLoop.assumeIsolated().scheduleTask(in: period) {
            self.closeStalledConnections()
            self.scheduleSweep()
        }
    }

    func register(_ handler: DownstreamHandler) {
        connections[ObjectIdentifier(handler)] = handler
    }

    func unregister(_ handler: DownstreamHandler) {
        connections[ObjectIdentifier(handler)] = nil
    }

    /// Closes connections that have not completed a request head in time (idle
    /// keep-alive connections and slow senders, slowloris, alike) and ends requests
    /// whose body stopped arriving.
    private func closeStalledConnections() {
        let limit = NIODeadline.now() - headerTimeout
        for handler in connections.values {
            handler.sweep(stalledBefore: limit)
        }
    }

    /// Starts draining: idle connections close now, busy ones after their response.
    /// Returns how many connections are still open; call again until it is 0.
    func drain() -> Int {
        draining = true
        for handler in connections.values { handler.closeIfIdle() }
        return connections.count
    }

    func shutdown() {
        sweeper?.cancel()
        pool.shutdown()
    }
}
