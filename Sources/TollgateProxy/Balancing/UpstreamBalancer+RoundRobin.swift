extension UpstreamBalancer {
    /// The next target of the upstream's smooth weighted round-robin sequence.
    ///
    /// Usability is settled before the upstream's lock is taken, in a temporary
    /// buffer (on the stack up to 1,024 targets).
    func pickRoundRobin(_ isUsable: (Int) -> Bool) -> Int? {
        guard !weights.isEmpty else { return nil }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: weights.count) { usable in
            var anyUsable = false
            for index in weights.indices {
                let usableTarget = weights[index] > 0 && isUsable(index)
                usable.initializeElement(at: index, to: usableTarget)
                anyUsable = anyUsable || usableTarget
            }
            guard anyUsable else { return nil }
            return rotation.next(slots: rotationSlots, weights: weights, usable: UnsafeBufferPointer(usable))
        }
    }
}
