import Foundation
import TollgateCore

/// An upstream as the data plane uses it: its balancer, its targets' addresses
/// and health keys, and how requests are hashed.
final class UpstreamRuntime: Sendable {
    let name: String
    let balancer: UpstreamBalancer
    /// Target addresses, by balancer index.
    let addresses: [UpstreamAddress]
    /// Target health keys, by balancer index.
    let healthKeys: [TargetKey]
    let health: TargetHealthRegistry
    let hashing: RequestHashing

    init(
        name: String, balancer: UpstreamBalancer, addresses: [UpstreamAddress], healthKeys: [TargetKey],
        health: TargetHealthRegistry, hashing: RequestHashing
    ) {
        self.name = name
        self.balancer = balancer
        self.addresses = addresses
        self.healthKeys = healthKeys
        self.health = health
        self.hashing = hashing
    }

    /// Picks a usable target that this exchange has not seen fail.
    func pick(hashKey: HashKey?, excluding failed: [Int]) -> Int? {
        balancer.pick(hashKey: hashKey) { index in
            !failed.contains(index) && health.health(of: healthKeys[index]).state.isUsable
        }
    }
}

/// What consistent hashing hashes for one upstream.
enum RequestHashing: Sendable {
    case none
    case header(String)
    case cookie(name: String, path: String)
    case clientAddress
}
