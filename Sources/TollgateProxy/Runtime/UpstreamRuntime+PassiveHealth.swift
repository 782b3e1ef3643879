/// Passive health: what proxied traffic tells about a target.
///
/// Called by the proxy on the connection's event loop; cheap and never blocking.
/// With passive checks off each call is one nil check; with them on, a healthy
/// response from a target with no failure counted is a table lookup and one
/// atomic load. Only failures, and successes that may change state, take the
/// target's lock.
extension UpstreamRuntime {
    /// A target answered with `status` (the final response head).
    @inline(__always)
    func recordResponse(status: Int, target index: Int) {
        guard let passiveHealth, let observation = passiveHealth.observation(for: status) else { return }
        if observation == .success {
            healthCells[index].observeSuccess(by: passiveHealth.rule)
        } else {
            healthCells[index].observe(observation, by: passiveHealth.rule)
        }
    }

    /// Connecting to a target failed, or it reset the connection before answering.
    func recordTCPFailure(target index: Int) {
        guard let passiveHealth else { return }
        healthCells[index].observe(.tcpFailure, by: passiveHealth.rule)
    }

    /// A target did not answer within the service's read timeout.
    func recordTimeout(target index: Int) {
        guard let passiveHealth else { return }
        healthCells[index].observe(.timeout, by: passiveHealth.rule)
    }
}
