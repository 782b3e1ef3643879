import TollgateCore

/// Where one snapshot's copies of a mirror go: a URL, or an upstream whose
/// balancer picks a target per copy.
enum MirrorDestination: Sendable {
    /// The URL's address, and its path, put in front of each copy's path.
    case url(address: UpstreamAddress, path: String?)
    case upstream(UpstreamRuntime)
    /// The mirror's upstream is not in the snapshot: every copy fails.
    case missing

    init(_ destination: TrafficDestination, upstreams: [String: UpstreamRuntime]) {
        switch destination {
        case .upstream(let name):
            self = upstreams[name.lowercased()].map(MirrorDestination.upstream) ?? .missing
        case .url(let url):
            self = .url(address: UpstreamAddress(host: url.host, port: url.port, tls: url.scheme == .https), path: url.path)
        }
    }

    /// Where a copy of request target `uri` goes: the address, the request target
    /// there, and the upstream target's in-flight token (to release when the copy is
    /// done); nil when no target is usable.
    func resolve(uri: String) -> (address: UpstreamAddress, target: String, token: ActiveRequestToken?)? {
        switch self {
        case .url(let address, let path?):
            let queryStart = uri.firstIndex(of: "?") ?? uri.endIndex
            let joined = UpstreamPath.join(servicePath: path, path: uri[..<queryStart], strippedLength: nil)
            return (address, joined + uri[queryStart...], nil)
        case .url(let address, nil):
            return (address, uri, nil)
        case .upstream(let upstream):
            guard let index = upstream.pick(hashKey: nil, excluding: []) else { return nil }
            return (upstream.address(of: index, tls: false), uri, upstream.balancer.acquire(index))
        case .missing:
            return nil
        }
    }
}
