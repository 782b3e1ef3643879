import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TollgateCore

/// Probes the targets of every upstream with active health checks and records
/// what it sees in the ``TargetHealthRegistry``.
///
/// The data plane hands it each configuration it applies (``update(_:)``):
/// upstreams and targets that are new start being probed, removed ones stop at
/// once, and an unrelated change leaves every schedule and all health state
/// alone. A target removed through the management API stops being probed as
/// soon as the registry forgets it, before the next configuration arrives.
///
/// All probes run on one event loop, driven by one timer (``ProbeTimeline``):
/// `tcp` probes open a new connection each time, `http`/`https` probes reuse the
/// target's kept-alive connection (``ProbeConnection``). At most `concurrency`
/// probes of one upstream are in flight at a time. Run it as a `Service`: on
/// graceful shutdown it stops probing.
public final class ActiveHealthChecker: Service, Sendable {
    private let registry: TargetHealthRegistry
    private let eventLoop: any EventLoop
    private let scheduler: NIOLoopBoundBox<ActiveProbeScheduler>
    private let logger: Logger

    /// - Parameters:
    ///   - registry: Where target health is recorded.
    ///   - eventLoop: Where probes run.
    ///   - resolver: Resolves target host names (cached).
    ///   - tls: How `https` probes verify certificates (unless the upstream turns verification off).
    ///   - logger: Where the checker logs configuration updates.
    public init(
        registry: TargetHealthRegistry, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next(),
        resolver: HostResolver = HostResolver(), tls: UpstreamTLS = .systemTrustStore, logger: Logger
    ) {
        self.registry = registry
        self.eventLoop = eventLoop
        self.logger = logger
        scheduler = .makeBoxSendingValue(
            ActiveProbeScheduler(probe: HealthProbe(eventLoop: eventLoop, resolver: resolver, tls: tls)),
            eventLoop: eventLoop)
    }

    /// Probes what `config` configures from now on.
    public func update(_ config: GatewayConfig) {
        let plan = ProbePlan(config, registry: registry)
        let targets = plan.upstreams.reduce(0) { $0 + $1.targets.count }
        logger.debug(
            "active health checks updated",
            metadata: ["upstreams": "\(plan.upstreams.count)", "targets": "\(targets)", "config_version": "\(config.version)"])
        eventLoop.execute { [scheduler] in scheduler.value.apply(plan) }
    }

    /// Runs until graceful shutdown (or cancellation), then stops every probe.
    public func run() async throws {
        try? await gracefulShutdown()
        try? await eventLoop.submit { [scheduler] in scheduler.value.stop() }.get()
    }
}
