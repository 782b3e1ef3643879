import TollgateCore

/// Where one snapshot's copies of a mirror go: a URL, or an upstream whose
/// balancer picks a target per copy.
enum MirrorDestination: Sendable {
    /// `http[s]://host:port`, and the URL's path, put in front of each copy's path.
    case url(origin: String, path: String?)
    case upstream(UpstreamRuntime)
    /// The mirror's upstream is not in the snapshot: every copy fails.
    case missing

    init(_ destination: TrafficDestination, upstreams: [String: UpstreamRuntime]) {
        switch destination {
        case .upstream(let name):
            self = upstreams[name.lowercased()].map(MirrorDestination.upstream) ?? .missing
        case .url(let url):
            self = .url(origin: "\(url.scheme.rawValue)://\(HostPort.join(url.host, url.port))", path: url.path)
        }
    }

    /// The URL a copy of request target `uri` is sent to, and the upstream target's
    /// in-flight token (to release when the copy is done); nil when no target is usable.
    func resolve(uri: String) -> (url: String, token: ActiveRequestToken?)? {
        switch self {
        case .url(let origin, let path?):
            let queryStart = uri.firstIndex(of: "?") ?? uri.endIndex
            let joined = UpstreamPath.join(servicePath: path, path: uri[..<queryStart], strippedLength: nil)
            return (origin + joined + uri[queryStart...], nil)
        case .url(let origin, nil):
            return (origin + uri, nil)
        case .upstream(let upstream):
            guard let index = upstream.pick(hashKey: nil, excluding: []) else { return nil }
            return ("http://\(upstream.addresses[index])\(uri)", upstream.balancer.acquire(index))
        case .missing:
            return nil
        }
    }
}
