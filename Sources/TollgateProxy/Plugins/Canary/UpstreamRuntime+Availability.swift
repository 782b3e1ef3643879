extension UpstreamRuntime {
    /// Whether a pick would find a target now: one of weight above 0 admits traffic.
    /// Reads one atomic per target and, unlike a pick, moves no balancer state.
    var hasUsableTarget: Bool {
        healthCells.indices.contains { balancer.weights[$0] > 0 && healthCells[$0].admitsTraffic() }
    }
}
