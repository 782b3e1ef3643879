/// What a route's mirror did with the copies of its traffic since it was created
/// (or since the gateway started), as the data plane counted them.
public struct MirrorCounters: Sendable, Hashable {
    /// Copies the mirror answered (whatever the status).
    public var sent: Int
    /// Copies that got no answer: connection refused, no usable target, or `timeout_ms` reached.
    public var failed: Int
    /// Copies not sent because the mirror's queue was full or they waited in it past half of `timeout_ms`.
    public var dropped: Int
    /// Sampled requests not mirrored because their body was larger than 1 MiB.
    public var skipped: Int

    public init(sent: Int = 0, failed: Int = 0, dropped: Int = 0, skipped: Int = 0) {
        self.sent = sent
        self.failed = failed
        self.dropped = dropped
        self.skipped = skipped
    }

    /// `{"sent": …, "failed": …, "dropped": …, "skipped": …}`.
    public var json: JSONValue {
        ["sent": .int(sent), "failed": .int(failed), "dropped": .int(dropped), "skipped": .int(skipped)]
    }
}
