import NIOCore

/// The bounded queue of one mirror's copies, without I/O: how many copies are
/// being sent, which wait, and which are refused.
///
/// At most ``Limits/maxInFlight`` copies are sent at once; up to
/// ``Limits/maxQueued`` more (and ``Limits/maxQueuedBytes`` of bodies) wait;
/// anything beyond is refused, so a slow mirror costs bounded memory and never
/// pushes back on the primary traffic.
struct MirrorQueue<Item> {
    /// The bounds of a mirror's queue.
    struct Limits: Sendable {
        var maxInFlight: Int
        var maxQueued: Int
        var maxQueuedBytes: Int

        /// 32 copies in flight, 512 waiting, 32 MiB of waiting bodies.
        static var standard: Limits { Limits(maxInFlight: 32, maxQueued: 512, maxQueuedBytes: 32 << 20) }
    }

    /// What happens to a copy offered to the queue.
    enum Admission: Equatable {
        /// Send it now (it holds one of the in-flight slots).
        case start
        /// It waits for a slot.
        case queued
        /// The queue is full (or retired): the copy is dropped.
        case rejected
    }

    let limits: Limits
    private var waiting = CircularBuffer<(item: Item, bytes: Int)>()
    private var queuedBytes = 0
    private var retired = false
    /// Copies being sent.
    private(set) var inFlight = 0

    init(limits: Limits) {
        self.limits = limits
    }

    /// Copies waiting for a slot.
    var queued: Int { waiting.count }

    /// Offers a copy whose body has `bytes` bytes.
    mutating func admit(_ item: Item, bytes: Int) -> Admission {
        if retired { return .rejected }
        if inFlight < limits.maxInFlight {
            inFlight += 1
            return .start
        }
        guard waiting.count < limits.maxQueued, queuedBytes + bytes <= limits.maxQueuedBytes else { return .rejected }
        waiting.append((item, bytes))
        queuedBytes += bytes
        return .queued
    }

    /// A copy in flight is done: returns the next copy to send in its slot, or nil
    /// when none waits (the slot is freed).
    mutating func finished() -> Item? {
        if let next = waiting.popFirst() {
            queuedBytes -= next.bytes
            return next.item
        }
        inFlight -= 1
        return nil
    }

    /// Refuses every later copy and empties the queue; returns how many copies were waiting.
    mutating func retire() -> Int {
        retired = true
        let dropped = waiting.count
        waiting.removeAll()
        queuedBytes = 0
        return dropped
    }
}
