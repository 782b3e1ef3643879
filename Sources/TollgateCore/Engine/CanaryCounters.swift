/// What the data plane counted for a service's canary since it was created (or
/// since the gateway started).
public struct CanaryCounters: Sendable, Hashable {
    /// Requests that should have gone to the canary but stayed on the stable side
    /// because the canary upstream had no usable target.
    public var fallbacks: Int

    public init(fallbacks: Int = 0) {
        self.fallbacks = fallbacks
    }

    /// `{"fallbacks": …}`.
    public var json: JSONValue { ["fallbacks": .int(fallbacks)] }
}
