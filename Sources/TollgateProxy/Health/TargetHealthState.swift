import NIOCore
import TollgateCore

/// The health state machine of one target, without I/O or clock reads: callers
/// pass the time in, so it is tested with made-up instants.
///
/// - A target starts with no verdict: usable, reported `HEALTHY` when checks are
///   on (as in Kong) and `HEALTHCHECKS_OFF` when not.
/// - Active and passive checks keep separate counters with Kong's reset rules.
///   Successes are counted only while the target is unhealthy, failures only
///   while it is usable; reaching a threshold is a transition, which clears
///   every counter.
/// - A manual mark decides at once and holds until a check's next transition.
/// - A target ejected by a passive rule with ``HealthCheckRule/halfOpen`` gets a
///   half-open trial after a back-off: from then on traffic may reach it, and the
///   next passive observation decides — a success makes it healthy, a counted
///   failure ejects it again for twice as long (up to the back-off's maximum).
struct TargetHealthState: Sendable, Hashable {
    private(set) var verdict: HealthVerdict?
    private var active = HealthCounters()
    private var passive = HealthCounters()
    /// Half-open trials that failed in a row since the last passive ejection.
    private var failedTrials = 0
    /// When traffic may try the target again (passive ejections with half-open trials only).
    private(set) var trialAt: NIODeadline?

    /// Whether balancers use the target (outside half-open trials): no verdict, or a healthy one.
    var isUsable: Bool { verdict?.healthy ?? true }

    /// What a balancer's pick reads without a lock: 0 when usable, `UInt64.max`
    /// when not, else the uptime (ns) from which a half-open trial may take traffic.
    var gate: UInt64 {
        if isUsable { return 0 }
        guard let trialAt else { return .max }
        return max(1, trialAt.uptimeNanoseconds)
    }

    /// Whether a success seen by `check` would change nothing (the fast path skips it):
    /// the target is usable and that check has no failure counted.
    func ignoresSuccess(of check: HealthCheckRule.Check) -> Bool {
        switch check {
        case .active: isUsable && active.hasNoFailures
        case .passive: isUsable && passive.hasNoFailures
        }
    }

    /// Counts what a check observed; returns the change it made, if any.
    mutating func observe(
        _ observation: HealthObservation, by rule: HealthCheckRule, at now: HealthInstant, backoff: HalfOpenBackoff
    ) -> HealthChange? {
        if isTrialOpen(for: rule, at: now) { return settleTrial(observation, by: rule, at: now, backoff: backoff) }
        let threshold = rule.threshold(for: observation)
        // Successes count only while unhealthy, failures only while usable; the resets always apply.
        guard (observation == .success) != isUsable, threshold > 0 else {
            update(rule.check) { $0.reset(for: observation) }
            return nil
        }
        var count = 0
        update(rule.check) { count = $0.count(observation) }
        guard count >= threshold else { return nil }
        var reason = "\(rule.check.rawValue): \(count) \(observation.counterName)\(Self.statusNote(observation))"
        if observation == .success {
            return decide(healthy: true, source: rule.check.source, reason: reason, at: now)
        }
        let trialDelay = rule.halfOpen ? backoff.delay(afterFailedTrials: 0) : nil
        if let trialDelay { reason += "; half-open trial in \(Self.seconds(trialDelay))" }
        let change = decide(healthy: false, source: rule.check.source, reason: reason, at: now)
        trialAt = trialDelay.map { now.uptime + $0 }
        return change
    }

    /// Sets the verdict by hand; counters and trials start over.
    ///
    /// Marking with the state the target has keeps its `since`.
    mutating func mark(healthy: Bool, at now: HealthInstant) -> HealthChange? {
        let old = verdict
        resetCounters()
        if old?.source == .manual && old?.healthy == healthy { return nil }
        let since = old.flatMap { $0.healthy == healthy ? $0.since : nil } ?? now.date
        verdict = HealthVerdict(healthy: healthy, source: .manual, since: since)
        return .transition(from: old, to: verdict, reason: "manual override")
    }

    /// Brings the state in line with the upstream's current checks: a verdict of a
    /// check that was turned off is dropped, and a passive ejection gets (or loses)
    /// its half-open trial as the passive rule now says.
    mutating func reconcile(
        activeChecks: Bool, passive rule: HealthCheckRule?, at now: HealthInstant, backoff: HalfOpenBackoff
    ) -> HealthChange? {
        if !activeChecks { active = HealthCounters() }
        if rule == nil { passive = HealthCounters() }
        guard let verdict else { return nil }
        let check: HealthCheckRule.Check? =
            switch verdict.source {
            case .active: .active
            case .passive: .passive
            case .manual, .none: nil
            }
        if check == .active && !activeChecks || check == .passive && rule == nil {
            self.verdict = nil
            resetCounters()
            return .transition(from: verdict, to: nil, reason: "\(verdict.source.rawValue) checks were turned off")
        }
        if check == .passive && !verdict.healthy, let rule {
            if !rule.halfOpen {
                trialAt = nil
            } else if trialAt == nil {
                trialAt = now.uptime + backoff.delay(afterFailedTrials: failedTrials)
            }
        }
        return nil
    }

    private func isTrialOpen(for rule: HealthCheckRule, at now: HealthInstant) -> Bool {
        guard rule.check == .passive, let trialAt else { return false }
        return now.uptime >= trialAt
    }

    /// The first passive observation once a trial is open decides it: a success
    /// makes the target healthy, a failure this rule counts ejects it for longer.
    private mutating func settleTrial(
        _ observation: HealthObservation, by rule: HealthCheckRule, at now: HealthInstant, backoff: HalfOpenBackoff
    ) -> HealthChange? {
        if observation == .success {
            return decide(healthy: true, source: .passive, reason: "passive: half-open trial succeeded", at: now)
        }
        guard rule.threshold(for: observation) > 0 else { return nil }
        failedTrials += 1
        let delay = backoff.delay(afterFailedTrials: failedTrials)
        trialAt = now.uptime + delay
        return .trialFailed(
            reason: "passive: half-open trial failed with \(observation.trialFailureName)\(Self.statusNote(observation))",
            nextTrialIn: delay)
    }

    private mutating func decide(healthy: Bool, source: TargetHealth.Source, reason: String, at now: HealthInstant)
        -> HealthChange
    {
        let old = verdict
        verdict = HealthVerdict(healthy: healthy, source: source, since: now.date)
        resetCounters()
        return .transition(from: old, to: verdict, reason: reason)
    }

    private mutating func resetCounters() {
        active = HealthCounters()
        passive = HealthCounters()
        failedTrials = 0
        trialAt = nil
    }

    private mutating func update(_ check: HealthCheckRule.Check, _ body: (inout HealthCounters) -> Void) {
        switch check {
        case .active: body(&active)
        case .passive: body(&passive)
        }
    }

    private static func statusNote(_ observation: HealthObservation) -> String {
        if case .httpFailure(let status) = observation { " (last status \(status))" } else { "" }
    }

    private static func seconds(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
