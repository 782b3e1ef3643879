/// The weights that send `percentage` of an upstream's traffic to canary targets
/// (Kong OSS canaries): stable targets keep their proportions among themselves.
struct CanaryWeights: Sendable, Hashable {
    /// Stable target address → its new weight.
    let stable: [String: Int]
    /// Canary target address → its weight.
    let canary: [String: Int]

    /// - Parameters:
    ///   - originals: Each stable target's weight before the canary.
    ///   - canaryTargets: The canary addresses.
    ///   - percentage: The canary's share, 0…100.
    init(originals: [String: Int], canaryTargets: [String], percentage: Int) {
        let total = originals.values.reduce(0, +)
        stable = originals.mapValues { weight in (weight * (100 - percentage) + 50) / 100 }
        let each = canaryTargets.isEmpty ? 0 : (total * percentage + 50 * canaryTargets.count) / (100 * canaryTargets.count)
        canary = Dictionary(canaryTargets.map { ($0, min(65535, each)) }) { first, _ in first }
    }
}
