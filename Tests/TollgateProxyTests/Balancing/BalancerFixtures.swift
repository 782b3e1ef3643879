import Foundation
import TollgateCore
import TollgateProxy

/// Targets and pick counting shared by the balancer tests.
enum BalancerFixtures {
    /// Targets `10.0.0.<n>:8080` with the given weights and fresh ids.
    static func targets(_ weights: [Int]) -> [BalancerTarget] {
        weights.enumerated().map { index, weight in
            BalancerTarget(id: UUID(), address: "10.0.0.\(index + 1):8080", weight: weight)
        }
    }

    /// The keys `user-0` ... `user-<count - 1>`.
    static func keys(_ count: Int) -> [HashKey] {
        (0..<count).map { HashKey(hashing: "user-\($0)") }
    }
}

extension UpstreamBalancer {
    /// How many of `picks` picks went to each target.
    func counts(picks: Int, isUsable: (Int) -> Bool = { _ in true }) -> [Int] {
        var counts = Array(repeating: 0, count: targets.count)
        for _ in 0..<picks {
            if let index = pick(hashKey: nil, isUsable: isUsable) { counts[index] += 1 }
        }
        return counts
    }

    /// The address each key is sent to (nil when no target is usable).
    func addresses(of keys: [HashKey], isUsable: (Int) -> Bool = { _ in true }) -> [String?] {
        keys.map { key in pick(hashKey: key, isUsable: isUsable).map { targets[$0].address } }
    }
}
