/// The consistent-hashing ring of one upstream, built the same on every node.
///
/// Targets are ranked by address (bytewise), and each target of weight `w` gets
/// `w × pointsPerWeight` points; point `j` of a target is the xxHash32 of `j`
/// (4 bytes, little-endian) followed by its address. A target's points
/// therefore depend on its own address and weight only: adding or removing a
/// target moves only the keys that land on its points, and every node builds
/// the same ring from the same targets, in any input order. A key belongs to
/// the target of the first point at or after the key's hash (wrapping around).
///
/// (Using `j` as the hash seed instead would save the prefix but spreads similar
/// addresses unevenly: for short inputs XXH32's seed only offsets its state.)
///
/// When the points would exceed ``maxPoints``, every target's count is halved
/// until they fit (at least one point each). Counts are prefixes of the same
/// point sequence, so a change that crosses such a step moves only the keys of
/// the dropped (or added) points. Up to a total weight of 6,553 (65 targets of
/// the default weight 100) no halving happens; each further step comes only
/// when the total weight doubles.
struct HashRing: Sendable {
    /// Points per unit of weight: 4,000 for the default weight of 100, 40 for a weight of 1.
    static let pointsPerWeight = 40
    /// The most points a ring holds (2 MiB).
    static let maxPoints = 1 << 18

    /// Sorted: a point's hash in the high 32 bits, its target's index in the low 32.
    private let points: [UInt64]
    /// How many targets the balancer has (the index space of ``target(for:isUsable:)``).
    private let targetCount: Int
    /// How many of them own points (weight above 0).
    private let ownerCount: Int

    /// Builds the ring of `targets`; targets of weight 0 get no point.
    init(targets: [BalancerTarget]) {
        let owners = targets.indices.filter { targets[$0].weight > 0 }.sorted {
            targets[$0].address.utf8.lexicographicallyPrecedes(targets[$1].address.utf8)
        }
        let counts = Self.pointCounts(weights: owners.map { targets[$0].weight })
        var ranked: [UInt64] = []
        ranked.reserveCapacity(counts.reduce(0, +))
        var input: [UInt8] = []
        for (rank, index) in owners.enumerated() {
            input.removeAll(keepingCapacity: true)
            input.append(contentsOf: repeatElement(0, count: 4))
            input.append(contentsOf: targets[index].address.utf8)
            input.withUnsafeMutableBytes { input in
                for point in 0..<counts[rank] {
                    input.storeBytes(of: UInt32(point).littleEndian, as: UInt32.self)
                    ranked.append(UInt64(XXHash32.hash(UnsafeRawBufferPointer(input))) << 32 | UInt64(rank))
                }
            }
        }
        // Sorting with the rank in the low bits orders equal hashes by address, as on every node.
        ranked.sort()
        points = ranked.map { $0 & Self.hashMask | UInt64(owners[Int(truncatingIfNeeded: $0 & ~Self.hashMask)]) }
        targetCount = targets.count
        ownerCount = owners.count
    }

    /// The number of points on the ring.
    var count: Int { points.count }

    /// The target of `key`: the owner of the first point at or after its hash whose
    /// target is usable; nil when no target with points is usable.
    ///
    /// Skipping an unusable target's points gives each of its keys the target it
    /// would get if the unusable one were removed, and leaves other keys in place.
    func target(for key: HashKey, isUsable: (Int) -> Bool) -> Int? {
        guard !points.isEmpty else { return nil }
        let start = firstPoint(atOrAfter: key.value)
        let first = owner(of: start)
        return isUsable(first) ? first : walk(after: start, skipping: first, isUsable)
    }

    private static let hashMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// Point counts for the weights, halved until they fit in ``maxPoints``.
    private static func pointCounts(weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +) * pointsPerWeight
        var shift = 0
        while total >> shift > maxPoints { shift += 1 }
        return weights.map { max(1, ($0 * pointsPerWeight) >> shift) }
    }

    /// The position of the first point whose hash is at or after `hash`, wrapping to 0.
    private func firstPoint(atOrAfter hash: UInt32) -> Int {
        let needle = UInt64(hash) << 32
        var low = 0
        var high = points.count
        while low < high {
            let middle = (low + high) >> 1
            if points[middle] < needle { low = middle + 1 } else { high = middle }
        }
        return low == points.count ? 0 : low
    }

    private func owner(of point: Int) -> Int {
        Int(truncatingIfNeeded: points[point] & ~Self.hashMask)
    }

    /// Walks the ring after `start` to the first point of a usable target, asking
    /// about each target once.
    private func walk(after start: Int, skipping first: Int, _ isUsable: (Int) -> Bool) -> Int? {
        guard ownerCount > 1 else { return nil }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: targetCount) { rejected in
            rejected.initialize(repeating: false)
            rejected[first] = true
            var rejectedCount = 1
            var point = start
            for _ in 1..<points.count {
                point = point + 1 == points.count ? 0 : point + 1
                let target = owner(of: point)
                if rejected[target] { continue }
                if isUsable(target) { return target }
                rejected[target] = true
                rejectedCount += 1
                if rejectedCount == ownerCount { return nil }
            }
            return nil
        }
    }
}
