import NIOCore
import Synchronization
import TollgateCore

/// The health of one target, shared by the balancers of every snapshot, the
/// passive and active checks, and the management API.
///
/// Balancers read one atomic per candidate (``admitsTraffic()``) and never lock;
/// a success on a healthy target with no failure counted is one more atomic load. Everything else goes through the state machine under a lock,
/// and transitions are logged after it is released.
final class TargetHealthCell: Sendable {
    private struct Guarded {
        var machine = TargetHealthState()
        var label: TargetLabel
        var checksEnabled = false
    }

    let key: TargetKey
    private let guarded: Mutex<Guarded>
    /// ``TargetHealthState/gate``, published after every change.
    private let gate = Atomic<UInt64>(0)
    /// ``TargetHealthState/ignoresSuccess(of:)`` of each check, published after every change.
    private let activeQuiet = Atomic<Bool>(true)
    private let passiveQuiet = Atomic<Bool>(true)
    private let retired = Atomic<Bool>(false)
    private let backoff: HalfOpenBackoff
    private let log: HealthTransitionLog

    init(key: TargetKey, backoff: HalfOpenBackoff, log: HealthTransitionLog) {
        self.key = key
        self.backoff = backoff
        self.log = log
        guarded = Mutex(Guarded(label: TargetLabel(key: key)))
    }

    /// Whether a balancer may send a request now: the target is usable, or its half-open trial is open.
    @inline(__always)
    func admitsTraffic() -> Bool {
        let gate = gate.load(ordering: .relaxed)
        if gate == 0 { return true }
        if gate == .max { return false }
        return NIODeadline.now().uptimeNanoseconds >= gate
    }

    /// Whether the target is usable (no verdict, or a healthy one); a half-open trial does not count.
    var isUsable: Bool { gate.load(ordering: .relaxed) == 0 }

    /// Whether the target was removed; its checks stop.
    var isRetired: Bool { retired.load(ordering: .relaxed) }

    /// The health the API reports; `checksEnabled` tells what a target without a verdict reports.
    func health(checksEnabled: Bool) -> TargetHealth {
        guard let verdict = guarded.withLock({ $0.machine.verdict }) else {
            return checksEnabled ? TargetHealth(state: .healthy, source: .none, since: nil) : .off
        }
        return verdict.health
    }

    /// Counts an observation of a check.
    func observe(_ observation: HealthObservation, by rule: HealthCheckRule) {
        update { $0.machine.observe(observation, by: rule, at: .now(), backoff: backoff) }
    }

    /// Counts a success; free (no lock, no clock) when it would change nothing.
    @inline(__always)
    func observeSuccess(by rule: HealthCheckRule) {
        let quiet =
            switch rule.check {
            case .active: activeQuiet.load(ordering: .relaxed)
            case .passive: passiveQuiet.load(ordering: .relaxed)
            }
        if quiet { return }
        observe(.success, by: rule)
    }

    /// Sets the health by hand.
    func mark(healthy: Bool, at instant: HealthInstant) {
        update { $0.machine.mark(healthy: healthy, at: instant) }
    }

    /// Applies the upstream's current configuration: names for log lines, and which checks are on.
    func configure(label: TargetLabel, checksEnabled: Bool, activeChecks: Bool, passive: HealthCheckRule?) {
        let now = HealthInstant.now()
        update { guarded in
            guarded.label = label
            guarded.checksEnabled = checksEnabled
            return guarded.machine.reconcile(activeChecks: activeChecks, passive: passive, at: now, backoff: backoff)
        }
    }

    /// Marks the target removed: checks stop, snapshots still holding the cell keep reading it.
    func retire() {
        retired.store(true, ordering: .relaxed)
    }

    private func update(_ body: (inout Guarded) -> HealthChange?) {
        let logged: (HealthChange, TargetLabel, Bool)? = guarded.withLock { guarded in
            let change = body(&guarded)
            gate.store(guarded.machine.gate, ordering: .relaxed)
            activeQuiet.store(guarded.machine.ignoresSuccess(of: .active), ordering: .relaxed)
            passiveQuiet.store(guarded.machine.ignoresSuccess(of: .passive), ordering: .relaxed)
            return change.map { ($0, guarded.label, guarded.checksEnabled) }
        }
        if let (change, label, checksEnabled) = logged { log.record(change, of: label, checksEnabled: checksEnabled) }
    }
}
