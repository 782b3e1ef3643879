/// One request in flight to a target, counted for least-connections until released.
///
/// Get one from ``UpstreamBalancer/acquire(_:)`` when a request is sent to the
/// target, and call ``release()`` exactly once when that attempt ends (response
/// complete, failure, or a retry elsewhere).
public struct ActiveRequestToken: Sendable {
    private let counter: ActiveRequestCounter

    init(counter: ActiveRequestCounter) {
        self.counter = counter
    }

    /// Ends the request's count.
    public func release() {
        counter.decrement()
    }
}
