import Foundation
import NIOCore
import TollgateCore

/// The active checks of one upstream: a schedule per target, and at most
/// `concurrency` probes in flight, the others waiting their turn in order.
///
/// A target is probed every healthy interval while usable and every unhealthy
/// interval while not; when its side is not probed (interval 0) its state is
/// looked at again after the other side's interval, so a target that changes
/// sides through passive checks or a manual mark gets probed. The first probe
/// of a new target comes at a random point of its first interval, so that many
/// targets added at once do not probe in lockstep.
///
/// Loop-bound: used only on the checker's event loop.
final class ProbedUpstream {
    private var settings: ActiveProbeSettings
    private let probe: HealthProbe
    private let timeline: ProbeTimeline
    private var targets: [UUID: ProbedTarget] = [:]
    private var inFlight = 0
    private var waiting = CircularBuffer<ProbedTarget>()

    init(_ plan: ProbePlan.Upstream, probe: HealthProbe, timeline: ProbeTimeline) {
        settings = plan.settings
        self.probe = probe
        self.timeline = timeline
        update(plan)
    }

    /// Applies a new configuration of the upstream: new targets start, removed
    /// ones stop at once, and changed settings restart every schedule (and drop
    /// kept connections, which may speak the wrong protocol now).
    func update(_ plan: ProbePlan.Upstream) {
        let restart = plan.settings.active != settings.active
        settings = plan.settings
        var live = Set<UUID>()
        for target in plan.targets {
            live.insert(target.key.target)
            if let existing = targets[target.key.target] {
                existing.update(target)
                if restart, case .scheduled = existing.phase {
                    existing.dropConnection()
                    scheduleFirst(existing)
                }
            } else {
                let probed = ProbedTarget(target, upstream: self)
                targets[target.key.target] = probed
                scheduleFirst(probed)
            }
        }
        for (id, target) in targets where !live.contains(id) {
            target.stop()
            targets[id] = nil
        }
    }

    /// Stops every target; probes in flight are settled and ignored.
    func stop() {
        for target in targets.values { target.stop() }
        targets.removeAll()
        waiting.removeAll()
    }

    /// A target's time has come: probe it (or queue it), or look again later when its side is not probed.
    func due(_ target: ProbedTarget) {
        guard !target.target.cell.isRetired else {
            target.stop()
            return
        }
        guard settings.interval(usable: target.target.cell.isUsable) != nil else {
            schedule(target, at: .now() + settings.recheckInterval)
            return
        }
        target.phase = .waiting
        if inFlight < settings.active.concurrency {
            start(target)
        } else {
            waiting.append(target)
        }
    }

    private func scheduleFirst(_ target: ProbedTarget) {
        let interval = settings.interval(usable: target.target.cell.isUsable) ?? settings.recheckInterval
        schedule(target, at: .now() + .nanoseconds(Int64.random(in: 0..<max(1, interval.nanoseconds))))
    }

    private func schedule(_ target: ProbedTarget, at deadline: NIODeadline) {
        target.planned = deadline
        target.phase = .scheduled(tick: timeline.add(.due(target), at: deadline))
    }

    private func start(_ target: ProbedTarget) {
        target.phase = .probing
        inFlight += 1
        let settings = settings
        let attempt = ProbeAttempt { [weak self] outcome in
            guard let self else { return }
            self.inFlight -= 1
            self.finished(target, outcome: outcome, settings: settings)
            self.startWaiting()
        }
        timeline.add(.timeout(attempt), at: .now() + settings.timeout)
        probe.run(target, settings: settings, attempt: attempt)
    }

    private func finished(_ target: ProbedTarget, outcome: ProbeAttempt.Outcome, settings: ActiveProbeSettings) {
        guard !target.isStopped, !target.target.cell.isRetired else {
            target.stop()
            return
        }
        switch outcome {
        case .success?: target.target.cell.observeSuccess(by: settings.rule)
        case let failure?: target.target.cell.observe(failure, by: settings.rule)
        case nil: break
        }
        let interval = self.settings.interval(usable: target.target.cell.isUsable) ?? self.settings.recheckInterval
        schedule(target, at: max(target.planned + interval, .now()))
    }

    private func startWaiting() {
        while inFlight < settings.active.concurrency, let next = waiting.popFirst() {
            guard next.phase == .waiting else { continue }
            start(next)
        }
    }
}
