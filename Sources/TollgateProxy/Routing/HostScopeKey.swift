/// The host part of a route's scope: a host pattern without its port (routes with
/// `example.org` and `example.org:8080` share a scope; the port is checked per route).
struct HostScopeKey: Hashable {
    let kind: HostPattern.Kind
    let key: [UInt8]

    init(_ pattern: HostPattern) {
        kind = pattern.kind
        key = pattern.key
    }

    /// The key in its host tree: subdomain wildcards are looked up from the end of the name.
    var treeKey: [UInt8] {
        kind == .anySubdomain ? key.reversed() : key
    }
}
