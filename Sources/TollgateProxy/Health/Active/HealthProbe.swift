import NIOCore
import NIOPosix
import TollgateCore

/// Sends active probes from one event loop.
///
/// A `tcp` probe opens a new connection and succeeds when it opens. An
/// `http`/`https` probe sends `GET <http_path>` over the target's kept-alive
/// ``ProbeConnection`` when it has a usable one, else over a new connection (with
/// a TLS handshake for `https`); the status of the answer decides. When a reused
/// connection turns out closed before answering, the probe is redone once on a
/// new connection within the same timeout.
struct HealthProbe {
    let eventLoop: any EventLoop
    let resolver: HostResolver
    let tls: UpstreamTLS

    /// Probes `target` for `attempt` (whose timeout the caller keeps).
    func run(_ target: ProbedTarget, settings: ActiveProbeSettings, attempt: ProbeAttempt) {
        if settings.active.type == .tcp {
            connect(target.target.address, settings: settings, connection: nil).assumeIsolated().whenComplete { result in
                switch result {
                case .success(let channel):
                    attempt.settle(.success)
                    channel.close(promise: nil)
                case .failure(let error):
                    attempt.settle(Self.observation(for: error))
                }
            }
        } else if let connection = target.connection, connection.isReusable {
            connection.send(target.target.request, for: attempt) {
                self.probeOnNewConnection(target, settings: settings, attempt: attempt)
            }
        } else {
            probeOnNewConnection(target, settings: settings, attempt: attempt)
        }
    }

    private func probeOnNewConnection(_ target: ProbedTarget, settings: ActiveProbeSettings, attempt: ProbeAttempt) {
        // A retry may come after the target was removed (stopping it closed the connection).
        guard !target.isStopped else {
            attempt.settle(nil)
            return
        }
        target.connection?.close()
        let connection = ProbeConnection(statuses: settings.statuses)
        target.connection = connection
        connect(target.target.address, settings: settings, connection: connection).assumeIsolated().whenComplete { result in
            switch result {
            case .success:
                connection.send(target.target.request, for: attempt, retry: nil)
            case .failure(let error):
                attempt.settle(Self.observation(for: error))
            }
        }
    }

    /// Opens a connection to `address` within the probe's timeout; for `http`/`https`
    /// its pipeline ends with `connection` (behind TLS for `https`).
    private func connect(
        _ address: UpstreamAddress, settings: ActiveProbeSettings, connection: ProbeConnection?
    ) -> EventLoopFuture<any Channel> {
        let boundConnection = connection.map { NIOLoopBound($0, eventLoop: eventLoop) }
        let verify = settings.active.httpsVerifyCertificate
        let https = settings.active.type == .https
        let tls = tls
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(settings.timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let boundConnection else { return }
                    let pipeline = channel.pipeline.syncOperations
                    if https {
                        try pipeline.addHandler(ProbeTLS.handler(for: address, verify: verify, trusted: tls))
                    }
                    try pipeline.addHandler(boundConnection.value)
                }
            }
        return resolver.resolve(host: address.host, port: address.port, on: eventLoop).assumeIsolated()
            .flatMap { socketAddress in bootstrap.connect(to: socketAddress) }
            .nonisolated()
    }

    private static func observation(for error: any Error) -> HealthObservation {
        if case ChannelError.connectTimeout = error { return .timeout }
        return .tcpFailure
    }
}
