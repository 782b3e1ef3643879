import Foundation
import TollgateCore

/// An upstream as the data plane uses it: its balancer, its targets' addresses
/// and health, and how requests are hashed.
final class UpstreamRuntime: Sendable {
    let name: String
    let balancer: UpstreamBalancer
    /// Target addresses, by balancer index.
    let addresses: [UpstreamAddress]
    /// The same addresses over TLS, for services whose protocol is https.
    let secureAddresses: [UpstreamAddress]
    /// Target health, by balancer index: resolved once per snapshot, read lock-free per pick.
    let healthCells: [TargetHealthCell]
    /// The upstream's passive checks; nil when they are off, so proxied traffic costs nothing.
    let passiveHealth: PassiveHealthPolicy?
    let hashing: RequestHashing

    /// - Parameters:
    ///   - name: The upstream's name.
    ///   - balancer: Its balancer for this snapshot.
    ///   - addresses: Its targets' addresses, by balancer index.
    ///   - healthKeys: Its targets' keys in `health`, by balancer index.
    ///   - health: The registry holding target health across snapshots.
    ///   - checks: The upstream's health-check configuration.
    ///   - hashing: What consistent hashing hashes.
    init(
        name: String, balancer: UpstreamBalancer, addresses: [UpstreamAddress], healthKeys: [TargetKey],
        health: TargetHealthRegistry, checks: Healthchecks, hashing: RequestHashing
    ) {
        self.name = name
        self.balancer = balancer
        self.addresses = addresses
        self.secureAddresses = addresses.map { UpstreamAddress(host: $0.host, port: $0.port, tls: true) }
        let passive = PassiveHealthPolicy(checks)
        self.passiveHealth = passive
        self.healthCells = zip(healthKeys, addresses).map { key, address in
            let cell = health.cell(for: key)
            cell.configure(
                label: TargetLabel(upstream: name, target: address.description), checksEnabled: checks.isEnabled,
                activeChecks: checks.active.isEnabled, passive: passive?.rule)
            return cell
        }
        self.hashing = hashing
    }

    /// The address of the target at `index`, over TLS when `tls`.
    func address(of index: Int, tls: Bool) -> UpstreamAddress {
        tls ? secureAddresses[index] : addresses[index]
    }

    /// Picks a usable target that this exchange has not seen fail.
    func pick(hashKey: HashKey?, excluding failed: [Int]) -> Int? {
        balancer.pick(hashKey: hashKey) { index in
            !failed.contains(index) && healthCells[index].admitsTraffic()
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
