import Synchronization

extension UpstreamBalancer {
    /// The usable target with the smallest (active + 1) / weight.
    ///
    /// Ratios are compared by cross-multiplication, without floating point. The
    /// scan starts at a cursor that moves on every pick, and only a strictly
    /// smaller ratio replaces the best so far, so tied targets take turns: idle
    /// targets of equal weight share sequential requests evenly.
    func pickLeastConnections(_ isUsable: (Int) -> Bool) -> Int? {
        let count = weights.count
        guard count > 0 else { return nil }
        var index = Int(tieBreaker.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(count))
        var best: Int?
        var bestLoad = 0
        var bestWeight = 1
        for _ in 0..<count {
            let weight = weights[index]
            if weight > 0 && isUsable(index) {
                let load = counters[index].value + 1
                if best == nil || load * bestWeight < bestLoad * weight {
                    best = index
                    bestLoad = load
                    bestWeight = weight
                }
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return best
    }
}
