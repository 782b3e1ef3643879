import NIOCore

/// The clock of the active checker: every probe's next step and every probe's
/// timeout, on a grid of ``tick``, behind a single timer of the event loop.
///
/// Thousands of targets probed every second would otherwise keep thousands of
/// scheduled tasks in the event loop's timer heap, whose upkeep (a task copied at
/// every level of every insertion and removal) costs more than the probes. Here
/// an event is appended to its tick's bucket, the loop wakes once per tick that
/// has events, and events that no longer apply (a rescheduled or stopped target,
/// a settled probe) are skipped when their tick comes.
///
/// Loop-bound: used only on the checker's event loop.
final class ProbeTimeline {
    /// Something to do at a tick.
    enum Event {
        /// A target's next probe (or look at its state) is due.
        case due(ProbedTarget)
        /// A probe's time is up.
        case timeout(ProbeAttempt)
    }

    /// The grid: events run at the first tick at or after their deadline.
    static let tick: UInt64 = 10_000_000

    private let eventLoop: any EventLoop
    private var buckets: [UInt64: [Event]] = [:]
    /// The ticks that have a bucket, latest first (the next one is last).
    private var ticks: [UInt64] = []
    private var timer: (tick: UInt64, task: Scheduled<Void>)?
    private let run: (Event, _ tick: UInt64) -> Void

    /// - Parameters:
    ///   - eventLoop: The loop whose timer drives the timeline.
    ///   - run: Performs an event when its tick comes (the tick ``add(_:at:)`` returned for it).
    init(eventLoop: any EventLoop, run: @escaping (Event, _ tick: UInt64) -> Void) {
        self.eventLoop = eventLoop
        self.run = run
    }

    /// Adds `event` at the first tick at or after `deadline`; returns that tick.
    @discardableResult
    func add(_ event: Event, at deadline: NIODeadline) -> UInt64 {
        let tick = (deadline.uptimeNanoseconds + Self.tick - 1) / Self.tick
        if buckets[tick, default: []].isEmpty {
            // Keep `ticks` sorted, latest first.
            var low = 0
            var high = ticks.count
            while low < high {
                let middle = (low + high) / 2
                if ticks[middle] > tick { low = middle + 1 } else { high = middle }
            }
            ticks.insert(tick, at: low)
        }
        buckets[tick, default: []].append(event)
        arm()
        return tick
    }

    /// Drops every event and the timer.
    func stop() {
        timer?.task.cancel()
        timer = nil
        buckets.removeAll()
        ticks.removeAll()
    }

    /// Makes the loop's timer fire at the next tick that has events.
    private func arm() {
        guard let next = ticks.last else { return }
        if let timer {
            if timer.tick <= next { return }
            timer.task.cancel()
        }
        let task = eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(next * Self.tick)) {
            [weak self] () -> Void in
            self?.fire()
        }
        timer = (next, task)
    }

    /// Runs the events of every tick that has come, in order, then re-arms.
    private func fire() {
        timer = nil
        let now = NIODeadline.now().uptimeNanoseconds / Self.tick
        while let tick = ticks.last, tick <= now {
            ticks.removeLast()
            for event in buckets.removeValue(forKey: tick) ?? [] { run(event, tick) }
        }
        arm()
    }
}
