import Foundation
import NIOCore
import Testing
import TollgateCore

@testable import TollgateProxy

/// The per-target state machine, driven with made-up instants (no I/O, no clock).
@Suite("Target health state machine")
struct TargetHealthStateTests {
    private static let backoff = HalfOpenBackoff(initial: .seconds(10), maximum: .seconds(35))
    private static let origin = HealthInstant(date: Date(timeIntervalSince1970: 1_800_000_000), uptime: .uptimeNanoseconds(1_000_000_000))

    /// `seconds` after the origin.
    private static func at(_ seconds: Int64) -> HealthInstant {
        HealthInstant(
            date: origin.date + TimeInterval(seconds), uptime: origin.uptime + .seconds(seconds))
    }

    private static func rule(
        _ check: HealthCheckRule.Check, successes: Int = 2, http: Int = 3, tcp: Int = 2, timeouts: Int = 2,
        halfOpen: Bool = false
    ) -> HealthCheckRule {
        HealthCheckRule(
            check: check, successes: successes, httpFailures: http, tcpFailures: tcp, timeouts: timeouts,
            halfOpen: halfOpen)
    }

    private static let active = rule(.active)

    @Test("failures eject a usable target at the threshold of their kind, with a reason naming the count")
    func failuresEject() {
        var state = TargetHealthState()
        #expect(state.observe(.httpFailure(status: 500), by: Self.active, at: Self.at(0), backoff: Self.backoff) == nil)
        #expect(state.observe(.httpFailure(status: 503), by: Self.active, at: Self.at(1), backoff: Self.backoff) == nil)
        let change = state.observe(.httpFailure(status: 500), by: Self.active, at: Self.at(2), backoff: Self.backoff)
        let ejected = HealthVerdict(healthy: false, source: .active, since: Self.at(2).date)
        #expect(change == .transition(from: nil, to: ejected, reason: "active: 3 HTTP failures (last status 500)"))
        #expect(!state.isUsable)
        #expect(state.gate == .max)
    }

    @Test("a success resets the failure counters: failures must come in a row")
    func successResetsFailures() {
        var state = TargetHealthState()
        for second in 0..<10 {
            _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(Int64(2 * second)), backoff: Self.backoff)
            _ = state.observe(.success, by: Self.active, at: Self.at(Int64(2 * second + 1)), backoff: Self.backoff)
        }
        #expect(state.isUsable)
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(30), backoff: Self.backoff)
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(31), backoff: Self.backoff)
        #expect(!state.isUsable)
    }

    @Test("a failure resets the success counter: successes must come in a row to recover")
    func failureResetsSuccesses() {
        var state = TargetHealthState()
        _ = state.mark(healthy: false, at: Self.at(0))
        _ = state.observe(.success, by: Self.active, at: Self.at(1), backoff: Self.backoff)
        _ = state.observe(.timeout, by: Self.active, at: Self.at(2), backoff: Self.backoff)
        _ = state.observe(.success, by: Self.active, at: Self.at(3), backoff: Self.backoff)
        #expect(!state.isUsable)
        let change = state.observe(.success, by: Self.active, at: Self.at(4), backoff: Self.backoff)
        #expect(change == .transition(
            from: HealthVerdict(healthy: false, source: .manual, since: Self.at(0).date),
            to: HealthVerdict(healthy: true, source: .active, since: Self.at(4).date), reason: "active: 2 successes"))
    }

    @Test("each kind of failure counts on its own, and a zero threshold turns that kind off")
    func countersPerKind() {
        var state = TargetHealthState()
        let noTimeouts = Self.rule(.active, http: 3, tcp: 3, timeouts: 0)
        for second in 0..<20 { _ = state.observe(.timeout, by: noTimeouts, at: Self.at(Int64(second)), backoff: Self.backoff) }
        _ = state.observe(.tcpFailure, by: noTimeouts, at: Self.at(20), backoff: Self.backoff)
        _ = state.observe(.httpFailure(status: 500), by: noTimeouts, at: Self.at(21), backoff: Self.backoff)
        _ = state.observe(.tcpFailure, by: noTimeouts, at: Self.at(22), backoff: Self.backoff)
        #expect(state.isUsable)
        _ = state.observe(.tcpFailure, by: noTimeouts, at: Self.at(23), backoff: Self.backoff)
        #expect(!state.isUsable)
    }

    @Test("active and passive checks keep separate counters")
    func separateCounters() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive, tcp: 2)
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(0), backoff: Self.backoff)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(1), backoff: Self.backoff)
        #expect(state.isUsable)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(2), backoff: Self.backoff)
        #expect(state.verdict?.source == .passive)
    }

    @Test("a success is a no-op on a usable target with no failure counted by the same check")
    func successFastPathFlag() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive)
        #expect(state.ignoresSuccess(of: .passive) && state.ignoresSuccess(of: .active))
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(0), backoff: Self.backoff)
        #expect(!state.ignoresSuccess(of: .passive))
        #expect(state.ignoresSuccess(of: .active))
        _ = state.observe(.success, by: passive, at: Self.at(1), backoff: Self.backoff)
        #expect(state.ignoresSuccess(of: .passive))
        _ = state.mark(healthy: false, at: Self.at(2))
        #expect(!state.ignoresSuccess(of: .active), "an unhealthy target counts successes")
    }

    @Test("a passive-only ejection opens a half-open trial after the back-off; a successful trial restores the target")
    func halfOpenTrialSucceeds() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive, successes: 0, halfOpen: true)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(0), backoff: Self.backoff)
        let change = state.observe(.tcpFailure, by: passive, at: Self.at(1), backoff: Self.backoff)
        #expect(change == .transition(
            from: nil, to: HealthVerdict(healthy: false, source: .passive, since: Self.at(1).date),
            reason: "passive: 2 TCP failures; half-open trial in 10 s"))
        #expect(state.gate == (Self.origin.uptime + .seconds(11)).uptimeNanoseconds)

        // Before the trial opens, a straggling failure changes nothing.
        #expect(state.observe(.tcpFailure, by: passive, at: Self.at(5), backoff: Self.backoff) == nil)
        let restored = state.observe(.success, by: passive, at: Self.at(12), backoff: Self.backoff)
        #expect(restored == .transition(
            from: HealthVerdict(healthy: false, source: .passive, since: Self.at(1).date),
            to: HealthVerdict(healthy: true, source: .passive, since: Self.at(12).date),
            reason: "passive: half-open trial succeeded"))
        #expect(state.gate == 0)
    }

    @Test("failed trials double the back-off up to its maximum; a success starts it over")
    func halfOpenBackoffDoubles() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive, successes: 0, http: 0, tcp: 1, halfOpen: true)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(0), backoff: Self.backoff)
        #expect(state.trialAt == Self.at(10).uptime)
        #expect(state.observe(.tcpFailure, by: passive, at: Self.at(10), backoff: Self.backoff)
            == .trialFailed(reason: "passive: half-open trial failed with a TCP failure", nextTrialIn: .seconds(20)))
        #expect(state.trialAt == Self.at(30).uptime)
        _ = state.observe(.httpFailure(status: 500), by: passive, at: Self.at(30), backoff: Self.backoff)
        #expect(state.trialAt == Self.at(30).uptime, "an HTTP failure this rule does not count leaves the trial open")
        _ = state.observe(.timeout, by: passive, at: Self.at(30), backoff: Self.backoff)
        #expect(state.trialAt == Self.at(65).uptime, "capped at 35 s")
        _ = state.observe(.success, by: passive, at: Self.at(65), backoff: Self.backoff)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(70), backoff: Self.backoff)
        #expect(state.trialAt == Self.at(80).uptime)
    }

    @Test("without half-open trials a passive ejection holds until something else decides")
    func passiveEjectionWithoutTrial() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive, tcp: 1, halfOpen: false)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(0), backoff: Self.backoff)
        #expect(state.gate == .max)
        _ = state.observe(.success, by: Self.active, at: Self.at(1), backoff: Self.backoff)
        _ = state.observe(.success, by: Self.active, at: Self.at(2), backoff: Self.backoff)
        #expect(state.verdict?.source == .active)
        #expect(state.isUsable)
    }

    @Test("a manual mark holds until a check's next transition, in both directions")
    func manualMarkHoldsUntilNextTransition() {
        var state = TargetHealthState()
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(0), backoff: Self.backoff)
        _ = state.mark(healthy: false, at: Self.at(1))
        _ = state.observe(.success, by: Self.active, at: Self.at(2), backoff: Self.backoff)
        #expect(state.verdict?.source == .manual)
        _ = state.observe(.success, by: Self.active, at: Self.at(3), backoff: Self.backoff)
        #expect(state.verdict == HealthVerdict(healthy: true, source: .active, since: Self.at(3).date))

        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(4), backoff: Self.backoff)
        _ = state.mark(healthy: true, at: Self.at(5))
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(6), backoff: Self.backoff)
        #expect(state.verdict?.source == .manual, "the mark cleared the count before it")
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(7), backoff: Self.backoff)
        #expect(state.verdict == HealthVerdict(healthy: false, source: .active, since: Self.at(7).date))
    }

    @Test("a manual mark of the state a check decided keeps since and takes over the source")
    func manualMarkKeepsSince() {
        var state = TargetHealthState()
        let passive = Self.rule(.passive, tcp: 1, halfOpen: true)
        _ = state.observe(.tcpFailure, by: passive, at: Self.at(0), backoff: Self.backoff)
        let change = state.mark(healthy: false, at: Self.at(3))
        #expect(state.verdict == HealthVerdict(healthy: false, source: .manual, since: Self.at(0).date))
        #expect(change != nil)
        #expect(state.gate == .max, "a manual ejection gets no half-open trial")
        #expect(state.mark(healthy: false, at: Self.at(4)) == nil)
    }

    @Test("turning a check off drops its verdict; turning active recovery on cancels half-open trials")
    func reconcile() {
        var state = TargetHealthState()
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(0), backoff: Self.backoff)
        _ = state.observe(.tcpFailure, by: Self.active, at: Self.at(1), backoff: Self.backoff)
        #expect(state.reconcile(activeChecks: true, passive: nil, at: Self.at(2), backoff: Self.backoff) == nil)
        let dropped = state.reconcile(activeChecks: false, passive: nil, at: Self.at(2), backoff: Self.backoff)
        #expect(dropped == .transition(
            from: HealthVerdict(healthy: false, source: .active, since: Self.at(1).date), to: nil,
            reason: "active checks were turned off"))
        #expect(state.isUsable)

        let halfOpen = Self.rule(.passive, tcp: 1, halfOpen: true)
        _ = state.observe(.tcpFailure, by: halfOpen, at: Self.at(3), backoff: Self.backoff)
        #expect(state.trialAt != nil)
        var closed = halfOpen
        closed.halfOpen = false
        _ = state.reconcile(activeChecks: true, passive: closed, at: Self.at(4), backoff: Self.backoff)
        #expect(state.gate == .max)
        _ = state.reconcile(activeChecks: false, passive: halfOpen, at: Self.at(5), backoff: Self.backoff)
        #expect(state.trialAt == Self.at(15).uptime)
    }

    @Test("the rule of a passive check gets half-open trials unless active probes of unhealthy targets can recover them")
    func halfOpenFromConfiguration() {
        var checks = Healthchecks()
        checks.passive.unhealthy.tcpFailures = 2
        #expect(HealthCheckRule(passive: checks.passive, active: checks.active).halfOpen)
        checks.active.unhealthy.intervalS = 0.5
        #expect(HealthCheckRule(passive: checks.passive, active: checks.active).halfOpen, "no success threshold")
        checks.active.healthy.successes = 1
        #expect(!HealthCheckRule(passive: checks.passive, active: checks.active).halfOpen)
    }

    @Test("the back-off doubles per failed trial and stops at its maximum")
    func backoffDelays() {
        let backoff = HalfOpenBackoff(initial: .milliseconds(100), maximum: .seconds(1))
        #expect((0...6).map { backoff.delay(afterFailedTrials: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
            .seconds(1),
        ])
        #expect(backoff.delay(afterFailedTrials: Int.max) == .seconds(1))
    }
}
