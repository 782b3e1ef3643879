import Foundation
import NIOCore

/// The active checks of every upstream, run on one event loop and one ``ProbeTimeline``.
///
/// Loop-bound: used only on that event loop.
final class ActiveProbeScheduler {
    private let probe: HealthProbe
    private let timeline: ProbeTimeline
    private var upstreams: [UUID: ProbedUpstream] = [:]
    private var stopped = false

    init(probe: HealthProbe) {
        self.probe = probe
        timeline = ProbeTimeline(eventLoop: probe.eventLoop) { event, tick in
            switch event {
            case .due(let target):
                // Skipped when the target was rescheduled or stopped since.
                guard target.phase == .scheduled(tick: tick) else { return }
                target.upstream?.due(target)
            case .timeout(let attempt):
                attempt.expire()
            }
        }
    }

    /// Probes what `plan` says from now on: upstreams and targets it no longer has stop at once.
    func apply(_ plan: ProbePlan) {
        guard !stopped else { return }
        var live = Set<UUID>()
        for upstream in plan.upstreams {
            live.insert(upstream.id)
            if let existing = upstreams[upstream.id] {
                existing.update(upstream)
            } else {
                upstreams[upstream.id] = ProbedUpstream(upstream, probe: probe, timeline: timeline)
            }
        }
        for (id, upstream) in upstreams where !live.contains(id) {
            upstream.stop()
            upstreams[id] = nil
        }
    }

    /// Stops every probe for good.
    func stop() {
        stopped = true
        for upstream in upstreams.values { upstream.stop() }
        upstreams.removeAll()
        timeline.stop()
    }
}
