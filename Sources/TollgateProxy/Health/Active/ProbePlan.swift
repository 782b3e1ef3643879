import Foundation
import NIOCore
import TollgateCore

/// What the active checker should probe under one configuration: every upstream
/// with active checks on, and its targets. Built off the checker's event loop.
struct ProbePlan: Sendable {
    struct Upstream: Sendable {
        let id: UUID
        let settings: ActiveProbeSettings
        let targets: [Target]
    }

    /// One target to probe (a class: the checker reads it for every probe).
    final class Target: Sendable {
        let key: TargetKey
        let cell: TargetHealthCell
        let address: UpstreamAddress
        /// The request of an `http`/`https` probe, ready to write.
        let request: ByteBuffer

        init(key: TargetKey, cell: TargetHealthCell, address: UpstreamAddress, request: ByteBuffer) {
            self.key = key
            self.cell = cell
            self.address = address
            self.request = request
        }
    }

    let upstreams: [Upstream]

    /// The plan of `config`; target health comes from `registry`.
    init(_ config: GatewayConfig, registry: TargetHealthRegistry) {
        let targets = Dictionary(grouping: config.targets, by: \.owner.id)
        upstreams = config.upstreams.compactMap { upstream in
            guard let settings = ActiveProbeSettings(upstream.spec.healthchecks) else { return nil }
            let tls = settings.active.type == .https
            return Upstream(
                id: upstream.metadata.id, settings: settings,
                targets: (targets[upstream.metadata.id] ?? []).map { target in
                    let key = TargetKey(upstream: upstream.metadata.id, target: target.entity.metadata.id)
                    let (host, port) =
                        HostPort.split(target.entity.spec.target[...], defaultPort: TargetSpec.defaultPort)
                        ?? (target.entity.spec.target, TargetSpec.defaultPort)
                    let address = UpstreamAddress(host: host, port: port, tls: tls)
                    return Target(
                        key: key, cell: registry.cell(for: key), address: address,
                        request: Self.request(path: settings.active.httpPath, address: address))
                })
        }
    }

    private static func request(path: String, address: UpstreamAddress) -> ByteBuffer {
        ByteBuffer(string: "GET \(path) HTTP/1.1\r\nHost: \(address.hostHeader)\r\nUser-Agent: tollgate-health-check\r\n\r\n")
    }
}
