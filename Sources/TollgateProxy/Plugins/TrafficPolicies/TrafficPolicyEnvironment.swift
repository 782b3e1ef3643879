/// What canary and mirror stages share beyond one snapshot: the counters the
/// management API reads, and the gateway's settings.
struct TrafficPolicyEnvironment: Sendable {
    let stats: TrafficPolicyStats
    let settings: TrafficPolicySettings

    init(stats: TrafficPolicyStats = TrafficPolicyStats(), settings: TrafficPolicySettings = TrafficPolicySettings()) {
        self.stats = stats
        self.settings = settings
    }
}
