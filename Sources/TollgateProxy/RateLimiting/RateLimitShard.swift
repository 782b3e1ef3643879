/// The counters of one shard of a ``RateLimiter``, bounded in number.
///
/// Counters live in a slot array indexed by key. Memory stays bounded two ways:
/// - a counter that has become equivalent to a new one (its key idle past its
///   longest window) is dropped by a sweep that runs at most once per
///   ``sweepInterval``, on the first use after it is due;
/// - when the shard is full, a new key takes the slot of another one, chosen by
///   the CLOCK algorithm: a hand goes round the slots, dropping the first one that
///   is expired or was not used since the hand last passed (a key seen only once
///   goes first; a key in use gets a second chance).
///
/// A key evicted early loses its count; that is the price of the bound, paid by the
/// least recently used keys only when more distinct keys are active than fit.
struct RateLimitShard: Sendable {
    private struct Slot: Sendable {
        var key: String
        var counter: RateLimitCounter
        /// When ``counter`` will be equivalent to a new one if unused until then.
        var emptyAt: UInt64
        /// Used since the clock hand last passed.
        var referenced: Bool
    }

    /// How often expired counters are swept.
    static let sweepInterval: UInt64 = 1_000_000_000

    /// The most counters the shard holds.
    let capacity: Int
    private var slots: [Slot] = []
    private var index: [String: Int] = [:]
    private var hand = 0
    private var nextSweep: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a rate-limit shard needs room for at least one key")
        self.capacity = capacity
    }

    /// The counters held.
    var count: Int { slots.count }

    /// Decides for `key` and counts the request if admitted.
    mutating func admit(_ key: String, policy: RateLimitPolicy, now: UInt64) -> RateLimitDecision {
        if now >= nextSweep { sweep(now: now) }
        if let position = index[key] {
            let decision = slots[position].counter.admit(policy: policy, now: now)
            slots[position].emptyAt = now + policy.idleLifetime
            slots[position].referenced = true
            return decision
        }
        var counter = RateLimitCounter(policy: policy, now: now)
        let decision = counter.admit(policy: policy, now: now)
        let slot = Slot(key: key, counter: counter, emptyAt: now + policy.idleLifetime, referenced: false)
        if slots.count < capacity {
            index[key] = slots.count
            slots.append(slot)
        } else {
            let position = victim(now: now)
            index[slots[position].key] = nil
            index[key] = position
            slots[position] = slot
        }
        return decision
    }

    /// Gives back the count of a request admitted for `key` at `admittedAt`; nothing
    /// when the key's counter is gone.
    mutating func giveBack(_ key: String, policy: RateLimitPolicy, admittedAt: UInt64) {
        guard let position = index[key] else { return }
        slots[position].counter.giveBack(admittedAt: admittedAt, policy: policy)
    }

    /// Drops every counter that is equivalent to a new one at `now`.
    mutating func sweep(now: UInt64) {
        nextSweep = now + Self.sweepInterval
        var position = 0
        while position < slots.count {
            if slots[position].emptyAt > now {
                position += 1
                continue
            }
            index[slots[position].key] = nil
            let last = slots.removeLast()
            if position < slots.count {
                slots[position] = last
                index[last.key] = position
            }
        }
        if hand >= slots.count { hand = 0 }
    }

    /// The slot to reuse in a full shard (CLOCK); at most two turns of the hand.
    private mutating func victim(now: UInt64) -> Int {
        while true {
            let position = hand
            hand = hand + 1 == slots.count ? 0 : hand + 1
            if !slots[position].referenced || slots[position].emptyAt <= now { return position }
            slots[position].referenced = false
        }
    }
}
