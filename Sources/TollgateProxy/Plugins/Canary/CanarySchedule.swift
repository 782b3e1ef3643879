import Foundation
import NIOCore
import TollgateCore

/// The percentage of a canary at any instant: its starting percentage, raised by
/// its steps since the schedule's start.
///
/// The start is the canary's stored `updated_at`, so the schedule survives a
/// restart and agrees with the percentage the management API computes from the
/// same record (``CanarySpec/percentage(at:since:)``). The wall clock is read once,
/// when the snapshot is compiled; requests then read the monotonic clock, so a
/// request costs one subtraction and one division.
struct CanarySchedule: Sendable {
    private struct Steps: Sendable {
        let increment: Int
        let until: Int
        let intervalNanoseconds: Int64
        /// Uptime (monotonic) nanoseconds at which the schedule started (negative
        /// when it started before the process did).
        let originUptimeNanoseconds: Int64
        /// Steps after which the percentage stays at `until`.
        let stepsToTop: Int64
    }

    /// The starting percentage.
    let initial: Int
    private let steps: Steps?

    /// - Parameters:
    ///   - spec: The canary.
    ///   - start: When its schedule started (its `updated_at`).
    ///   - now: The wall-clock time at compile.
    ///   - uptime: The monotonic time at the same moment.
    init(spec: CanarySpec, start: Date, now: Date, uptime: NIODeadline) {
        initial = spec.percentage
        guard let steps = spec.steps, steps.until > spec.percentage else {
            self.steps = nil
            return
        }
        // Negative when the start is ahead of this node's clock: the steps then wait for it.
        let elapsedAtCompile = Int64(now.timeIntervalSince(start) * 1_000_000_000)
        self.steps = Steps(
            increment: steps.increment, until: steps.until,
            intervalNanoseconds: Int64(steps.intervalS) * 1_000_000_000,
            originUptimeNanoseconds: Int64(truncatingIfNeeded: uptime.uptimeNanoseconds) - elapsedAtCompile,
            stepsToTop: Int64((steps.until - spec.percentage + steps.increment - 1) / steps.increment))
    }

    /// Whether the percentage never changes.
    var isFixed: Bool { steps == nil }

    /// The percentage in force at `instant`.
    func percentage(at instant: NIODeadline) -> Int {
        guard let steps else { return initial }
        let elapsed = Int64(truncatingIfNeeded: instant.uptimeNanoseconds) - steps.originUptimeNanoseconds
        guard elapsed > 0 else { return initial }
        let taken = elapsed / steps.intervalNanoseconds
        return taken >= steps.stepsToTop ? steps.until : initial + Int(taken) * steps.increment
    }
}
