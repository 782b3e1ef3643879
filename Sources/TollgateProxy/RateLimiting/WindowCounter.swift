import TollgateCore

/// The requests one window counted, for the fixed- and sliding-window algorithms:
/// those admitted in the current fixed interval and in the one before it.
///
/// Intervals are numbered by time ÷ window length. A counter is moved forward to
/// the interval of "now" before it is read; a "now" older than the counter's
/// interval (a caller that read the clock just before another one took the lock)
/// counts in the counter's interval rather than moving it back.
///
/// Times are in milliseconds and counts are weighed in request-milliseconds
/// (requests × window length in ms), so that the sliding estimate is exact
/// integer arithmetic: the largest product, a day in ms times a 32-bit count,
/// fits in 64 bits.
struct WindowCounter: Sendable {
    /// The number of the fixed interval `current` counts.
    private(set) var interval: UInt64 = 0
    /// Requests admitted in interval `interval`.
    private(set) var current: UInt32 = 0
    /// Requests admitted in interval `interval - 1`.
    private(set) var previous: UInt32 = 0

    /// Moves the counter to the interval holding `now` and returns the requests it
    /// counts at `now`, in request-milliseconds (the sliding estimate when `sliding`).
    mutating func advance(to now: UInt64, length: UInt64, sliding: Bool) -> UInt64 {
        let target = now / length
        if target > interval {
            previous = target == interval + 1 ? current : 0
            current = 0
            interval = target
        }
        let whole = UInt64(current) * length
        guard sliding, previous > 0 else { return whole }
        return UInt64(previous) * (length - offset(of: now, length: length)) + whole
    }

    /// Counts one admitted request.
    mutating func add() {
        current &+= 1
    }

    /// Uncounts a request admitted at `admittedAt` (milliseconds), if its interval is
    /// still one the counter holds.
    mutating func remove(admittedAt: UInt64, length: UInt64) {
        switch admittedAt / length {
        case interval where current > 0: current -= 1
        case interval &- 1 where previous > 0: previous -= 1
        default: break
        }
    }

    /// Milliseconds from `now` until the current fixed interval ends.
    func untilReset(from now: UInt64, length: UInt64) -> UInt64 {
        length - offset(of: now, length: length)
    }

    /// Milliseconds from `now` until one more request fits under `limit`.
    func untilAdmission(from now: UInt64, length: UInt64, limit: Int, sliding: Bool) -> UInt64 {
        let start = interval * length
        let room = UInt64(limit - 1)
        guard sliding else { return untilReset(from: now, length: length) }
        // In this interval: previous × (length − offset) ≤ (room − current) × length.
        if UInt64(current) <= room, previous > 0 {
            let kept = min((room - UInt64(current)) * length / UInt64(previous), length)
            return Self.delay(from: now, until: start + length - kept)
        }
        // In the next interval: current × (length − offset) ≤ room × length.
        let kept = room * length / UInt64(current)
        return Self.delay(from: now, until: start + length + length - kept)
    }

    private func offset(of now: UInt64, length: UInt64) -> UInt64 {
        min(now - min(now, interval * length), length - 1)
    }

    private static func delay(from now: UInt64, until instant: UInt64) -> UInt64 {
        instant > now ? instant - now : 0
    }
}

extension RateLimitWindows.Window {
    /// The window's length in milliseconds.
    var milliseconds: UInt64 { UInt64(seconds) * 1000 }
}
