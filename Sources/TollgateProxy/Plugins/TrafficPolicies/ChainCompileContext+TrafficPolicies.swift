extension ChainCompileContext {
    private static let trafficPoliciesKey = "tollgate.traffic-policies"

    /// Makes `environment` what this compile's canary and mirror stages count into
    /// and read their settings from (the compiler calls it before building chains).
    func provide(_ environment: TrafficPolicyEnvironment) {
        _ = state(key: Self.trafficPoliciesKey) { environment }
    }

    /// The environment the compiler provided (a fresh one when none was).
    var trafficPolicies: TrafficPolicyEnvironment {
        state(key: Self.trafficPoliciesKey) { TrafficPolicyEnvironment() }
    }
}
