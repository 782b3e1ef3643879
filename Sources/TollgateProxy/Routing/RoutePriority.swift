import TollgateCore

/// The order in which routes are tried: the first route in this order that matches
/// the request wins. It is Kong's traditional router order (Kong 3.x
/// `kong/router/traditional.lua`: categories, then `sort_routes`), applied to each
/// (route, path) pair — a route with several paths is ranked once per path, as Kong
/// splits such routes:
///
/// 1. More attribute kinds set among hosts, headers, paths and methods.
/// 2. Among the same number of kinds, by kind, as Kong orders its categories:
///    hosts (8) + headers (4) + paths (2) + methods (1), higher sum first — so
///    hosts+headers before hosts+paths before hosts+methods before headers+paths….
/// 3. Kong's sub-weight, higher first: 4 when one of the route's hosts is a wildcard
///    with a port (`*.example.org:8443`), plus 2 when its hosts are all plain (no
///    wildcard), plus 1 when the path is a regex. So plain hosts come before wildcard
///    hosts (a port-qualified wildcard before both), and within the same host kind a
///    regex path comes before a prefix path.
/// 4. More header names.
/// 5. Higher `regex_priority` (regex paths only; both sides are regex here when one is).
/// 6. Longer prefix path (normalised bytes; 0 for regex paths and routes without paths).
/// 7. Lower ``RouteTable/Entry/index``: the oldest route.
/// 8. The path's position in the route's `paths`.
///
/// Protocols are a filter, not a priority. Kong's shortcut of first trying a reduced
/// candidate set taken from its indexes is not reproduced: in corner cases it makes
/// Kong pick a lower-ranked route than this order says; Tollgate follows the order.
struct RoutePriority: Comparable, Sendable {
    /// Steps 1 to 8 in order, each negated where higher comes first: compared lexicographically.
    private let key: [Int]

    init(spec: RouteSpec, hosts: [HostPattern], path: PathCondition, index: Int, pathPosition: Int) {
        let kinds = [
            (!spec.hosts.isEmpty, 8), (!spec.headers.isEmpty, 4), (!spec.paths.isEmpty, 2), (!spec.methods.isEmpty, 1),
        ]
        var subWeight = 0
        if hosts.contains(where: { $0.isWildcard && $0.port != nil }) { subWeight += 4 }
        if !hosts.isEmpty && !hosts.contains(where: \.isWildcard) { subWeight += 2 }
        var regexPriority = 0
        var prefixLength = 0
        switch path {
        case .regex:
            subWeight += 1
            regexPriority = spec.regexPriority
        case .prefix(let prefix):
            prefixLength = prefix.count
        case .any:
            break
        }
        key = [
            -kinds.count { $0.0 }, -kinds.reduce(0) { $0 + ($1.0 ? $1.1 : 0) }, -subWeight, -spec.headers.count,
            -regexPriority, -prefixLength, index, pathPosition,
        ]
    }

    /// Whether `lhs` is tried before `rhs`.
    static func < (lhs: RoutePriority, rhs: RoutePriority) -> Bool {
        lhs.key.lexicographicallyPrecedes(rhs.key)
    }
}
