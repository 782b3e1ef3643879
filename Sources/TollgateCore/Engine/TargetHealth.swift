import Foundation

/// A target's health as the API reports it.
public struct TargetHealth: Sendable, Hashable {
    /// Health of one target.
    public enum State: String, Sendable, CaseIterable {
        case healthy = "HEALTHY"
        case unhealthy = "UNHEALTHY"
        case healthchecksOff = "HEALTHCHECKS_OFF"
        case dnsError = "DNS_ERROR"

        /// Whether a balancer may send traffic to a target in this state.
        public var isUsable: Bool { self == .healthy || self == .healthchecksOff }
    }

    /// What decided the state.
    public enum Source: String, Sendable, CaseIterable {
        case active, passive, manual, none
    }

    public var state: State
    public var source: Source
    /// When the state was entered; nil when health checks never ran.
    public var since: Date?

    public init(state: State, source: Source, since: Date?) {
        self.state = state
        self.source = source
        self.since = since
    }

    /// No checks and no manual mark.
    public static let off = TargetHealth(state: .healthchecksOff, source: .none, since: nil)

    /// `health`, `source`, `since` as JSON members.
    public var members: [String: JSONValue] {
        [
            "health": .string(state.rawValue), "source": .string(source.rawValue),
            "since": JSONValue(since.map(Timestamp.format)),
        ]
    }
}

/// An upstream's health and its targets'.
public struct UpstreamHealthReport: APIRepresentable, Hashable {
    /// Health of a whole upstream.
    public enum State: String, Sendable, CaseIterable {
        /// Every target is usable.
        case healthy = "HEALTHY"
        /// Some targets are usable.
        case degraded = "DEGRADED"
        /// No target is usable.
        case unhealthy = "UNHEALTHY"
    }

    public var upstream: String
    public var targets: [TargetRecord]

    public init(upstream: String, targets: [TargetRecord]) {
        self.upstream = upstream
        self.targets = targets
    }

    /// Derived from the targets: usable ones are healthy or unchecked, with a weight above zero.
    public var state: State {
        let usable = targets.filter { $0.health.state.isUsable && $0.entity.spec.weight > 0 }.count
        if usable == 0 { return .unhealthy }
        return usable == targets.count ? .healthy : .degraded
    }

    public var json: JSONValue {
        [
            "upstream": .string(upstream), "health": .string(state.rawValue),
            "data": .array(
                targets.map { target in
                    .object(
                        target.health.members.merging([
                            "id": .string(target.entity.metadata.id.uuidString.lowercased()),
                            "target": .string(target.entity.spec.target), "weight": .int(target.entity.spec.weight),
                        ]) { _, new in new })
                }),
        ]
    }
    public var etag: String? { nil }
}
