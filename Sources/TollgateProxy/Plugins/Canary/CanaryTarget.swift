import TollgateCore

/// Where a canary sends requests in one snapshot.
struct CanaryTarget: Sendable {
    /// Nil when the canary's upstream is not in the snapshot (it never is usable).
    let destination: ServiceRuntime.Destination?
    /// The canary's URL path put in place of the service's, when it has one.
    let rewrite: CanaryPathRewrite?

    init(_ destination: TrafficDestination, servicePath: String?, upstreams: [String: UpstreamRuntime]) {
        switch destination {
        case .upstream(let name):
            self.destination = upstreams[name.lowercased()].map(ServiceRuntime.Destination.upstream)
            rewrite = nil
        case .url(let url):
            self.destination = .address(UpstreamAddress(host: url.host, port: url.port, tls: url.scheme == .https))
            rewrite = url.path.map { CanaryPathRewrite(servicePath: servicePath, canaryPath: $0) }
        }
    }

    /// The destination when it can take a request now; nil when an upstream has no usable target.
    var available: ServiceRuntime.Destination? {
        switch destination {
        case .upstream(let upstream)?: upstream.hasUsableTarget ? destination : nil
        case .address?: destination
        case nil: nil
        }
    }
}
