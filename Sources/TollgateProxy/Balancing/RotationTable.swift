import Foundation

/// The smooth weighted round-robin counters of one upstream, one slot per target id.
///
/// Each pick adds every usable target's weight to its counter, picks the largest
/// counter and takes the usable weights' total off it (the smooth weighted
/// round-robin of nginx). Over any run of picks each target's share matches its
/// weight to within about one pick, and heavy targets are interleaved with light
/// ones instead of being served in bursts: weights 5/1/1 give a a b a c a a.
///
/// Slots are keyed by target id and shared by every balancer built for the
/// upstream, so a balancer for a new snapshot continues the sequence: a weight
/// change keeps the targets' accumulated positions, and a new target starts at 0.
struct RotationTable {
    private var current: [Int] = []
    private var slotOfTarget: [UUID: Int] = [:]
    private var freeSlots: [Int] = []

    /// The slot of each target, allocating a zeroed slot to a target seen for the first time.
    mutating func slots(for targets: [UUID]) -> [Int] {
        targets.map { target in
            if let slot = slotOfTarget[target] { return slot }
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = free
                current[slot] = 0
            } else {
                slot = current.count
                current.append(0)
            }
            slotOfTarget[target] = slot
            return slot
        }
    }

    /// Frees the slots of targets not in `live`, for reuse by new targets.
    ///
    /// Slots are never removed, so a balancer of an older snapshot that still
    /// holds a freed slot index stays in bounds.
    mutating func retain(_ live: Set<UUID>) {
        for (target, slot) in slotOfTarget where !live.contains(target) {
            slotOfTarget[target] = nil
            freeSlots.append(slot)
        }
    }

    /// Advances the sequence by one pick among the usable targets.
    ///
    /// - Parameters:
    ///   - slots: The slot of each of the balancer's targets.
    ///   - weights: The weight of each target.
    ///   - usable: Whether each target may be picked; only targets of weight above 0 may.
    /// - Returns: The index of the picked target, or nil when none is usable.
    mutating func next(slots: [Int], weights: [Int], usable: UnsafeBufferPointer<Bool>) -> Int? {
        current.withUnsafeMutableBufferPointer { current in
            var best = -1
            var bestCurrent = Int.min
            var total = 0
            for index in slots.indices where usable[index] {
                let slot = slots[index]
                let weight = weights[index]
                current[slot] += weight
                total += weight
                if current[slot] > bestCurrent {
                    best = index
                    bestCurrent = current[slot]
                }
            }
            guard best >= 0 else { return nil }
            current[slots[best]] -= total
            return best
        }
    }
}
