/// Traffic mirroring of a route: a sampled copy of each request sent elsewhere.
public struct MirrorSpec: EntitySpec {
    public var destination: TrafficDestination
    /// Share of requests copied, 0…100.
    public var samplePercent: Double
    public var includeBody: Bool
    public var timeoutMs: Int
    public var tags: [String]

    public init(
        destination: TrafficDestination, samplePercent: Double = 100, includeBody: Bool = true, timeoutMs: Int = 2000,
        tags: [String] = []
    ) {
        self.tags = tags
        self.destination = destination
        self.samplePercent = samplePercent
        self.includeBody = includeBody
        self.timeoutMs = timeoutMs
    }

    public static func read(_ reader: ObjectReader) -> MirrorSpec? {
        let destination = TrafficDestination.read(reader)
        let sample = reader.double("sample_percent", in: 0...100, default: 100)
        let includeBody = reader.bool("include_body", default: true)
        let timeout = reader.int("timeout_ms", in: 1...60000, default: 2000)
        let tags = reader.tags()
        guard let destination, let sample, let includeBody, let timeout, let tags else { return nil }
        return MirrorSpec(
            destination: destination, samplePercent: sample, includeBody: includeBody, timeoutMs: timeout, tags: tags)
    }

    public var members: [String: JSONValue] {
        destination.members.merging([
            "sample_percent": .double(samplePercent), "include_body": .bool(includeBody), "timeout_ms": .int(timeoutMs),
            "tags": JSONValue(tags),
        ]) { _, new in new }
    }
}
