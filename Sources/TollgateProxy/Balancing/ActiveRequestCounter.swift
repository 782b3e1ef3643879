import Synchronization

/// The number of requests in flight to one target, shared by every event loop
/// and every snapshot's balancer.
final class ActiveRequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// The current count (relaxed: a hint for least-connections, not a fence).
    var value: Int { count.load(ordering: .relaxed) }

    /// Counts one more request until the token is released.
    func acquire() -> ActiveRequestToken {
        count.wrappingAdd(1, ordering: .relaxed)
        return ActiveRequestToken(counter: self)
    }

    /// Counts one request less; called by ``ActiveRequestToken/release()``.
    func decrement() {
        count.wrappingSubtract(1, ordering: .relaxed)
    }
}
