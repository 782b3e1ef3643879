import Foundation

/// A canary release of a service: a share of its traffic sent to another destination.
public struct CanarySpec: EntitySpec {
    /// What keeps a client on one side.
    public enum HashOn: String, Sendable, CaseIterable {
        case none, header, cookie, ip
    }

    /// A timed schedule that raises the percentage.
    public struct Steps: Sendable, Hashable {
        public var increment: Int
        public var intervalS: Int
        public var until: Int

        public init(increment: Int, intervalS: Int, until: Int) {
            self.increment = increment
            self.intervalS = intervalS
            self.until = until
        }
    }

    public var destination: TrafficDestination
    /// The starting percentage (0…100); see ``percentage(at:since:)`` for the current one.
    public var percentage: Int
    public var hashOn: HashOn
    public var hashOnHeader: String?
    public var hashOnCookie: String?
    public var overrideHeader: String
    public var steps: Steps?
    public var tags: [String]

    public init(
        destination: TrafficDestination, percentage: Int, hashOn: HashOn = .none, hashOnHeader: String? = nil,
        hashOnCookie: String? = nil, overrideHeader: String = "X-Canary", steps: Steps? = nil, tags: [String] = []
    ) {
        self.tags = tags
        self.destination = destination
        self.percentage = percentage
        self.hashOn = hashOn
        self.hashOnHeader = hashOnHeader
        self.hashOnCookie = hashOnCookie
        self.overrideHeader = overrideHeader
        self.steps = steps
    }

    public static func read(_ reader: ObjectReader) -> CanarySpec? {
        let destination = TrafficDestination.read(reader)
        let percentage = reader.int("percentage", in: 0...100, required: true)
        let hashOn = reader.choice("hash_on", default: HashOn.none)
        let header = reader.string("hash_on_header", required: hashOn == .header, check: Syntax.headerName)
        let cookie = reader.string("hash_on_cookie", required: hashOn == .cookie, check: UpstreamSpec.cookieName)
        let overrideHeader = reader.string("override_header", default: "X-Canary", check: Syntax.headerName)
        var steps: Steps?
        var stepsValid = true
        if let object = reader.object("steps") {
            let increment = object.int("increment", in: 1...100, required: true)
            let interval = object.int("interval_s", in: 1...31_536_000, required: true)
            let until = object.int("until", in: 1...100, default: 100)
            object.rejectUnknown()
            if let increment, let interval, let until {
                if let percentage, until < percentage {
                    object.fail("until", "cannot be lower than percentage (\(percentage))")
                    stepsValid = false
                }
                steps = Steps(increment: increment, intervalS: interval, until: until)
            } else {
                stepsValid = false
            }
        } else if reader.has("steps") {
            stepsValid = false
        }
        let tags = reader.tags()
        guard let destination, let percentage, let hashOn, let overrideHeader, let tags, stepsValid else { return nil }
        if hashOn != .header && header != nil { reader.fail("hash_on_header", "is only used when hash_on is 'header'") }
        if hashOn != .cookie && cookie != nil { reader.fail("hash_on_cookie", "is only used when hash_on is 'cookie'") }
        return CanarySpec(
            destination: destination, percentage: percentage, hashOn: hashOn, hashOnHeader: header,
            hashOnCookie: cookie, overrideHeader: overrideHeader, steps: steps, tags: tags)
    }

    /// The percentage in force at `now` for a canary configured at `start`:
    /// the starting percentage raised by each elapsed step, capped at `until`.
    public func percentage(at now: Date, since start: Date) -> Int {
        guard let steps, steps.until > percentage else { return percentage }
        let elapsed = max(0, now.timeIntervalSince(start))
        let stepsTaken = Int(elapsed / Double(steps.intervalS))
        let raised = percentage.addingReportingOverflow(stepsTaken.multipliedReportingOverflow(by: steps.increment).partialValue)
        return min(steps.until, raised.overflow ? steps.until : raised.partialValue)
    }

    public var members: [String: JSONValue] {
        destination.members.merging([
            "percentage": .int(percentage), "hash_on": .string(hashOn.rawValue),
            "hash_on_header": JSONValue(hashOnHeader), "hash_on_cookie": JSONValue(hashOnCookie),
            "override_header": .string(overrideHeader), "tags": JSONValue(tags),
            "steps": steps.map { ["increment": .int($0.increment), "interval_s": .int($0.intervalS), "until": .int($0.until)] } ?? .null,
        ]) { _, new in new }
    }
}
