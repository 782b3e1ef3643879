import NIOHTTP1

/// One (route, path) pair of the table, compiled: everything `match` compares is
/// precomputed (lowercased hosts and headers, compiled regex). A class: the search
/// passes it around by reference, without copying its arrays.
final class CompiledRoute: Sendable {
    /// The caller's ``RouteTable/Entry/index``.
    let index: Int
    let protocols: ProtocolMask
    /// The accepted methods, uppercase; empty: any method.
    let methods: [String]
    /// Empty: any host.
    let hosts: [HostPattern]
    let headers: [HeaderCondition]
    let path: PathCondition
    let stripPath: Bool
    let preserveHost: Bool
    let servicePath: String?

    init(
        index: Int, protocols: ProtocolMask, methods: [String], hosts: [HostPattern], headers: [HeaderCondition],
        path: PathCondition, stripPath: Bool, preserveHost: Bool, servicePath: String?
    ) {
        self.index = index
        self.protocols = protocols
        self.methods = methods
        self.hosts = hosts
        self.headers = headers
        self.path = path
        self.stripPath = stripPath
        self.preserveHost = preserveHost
        self.servicePath = servicePath
    }

    /// The length of the path part this route matched (its prefix, or the regex's
    /// match; for a route without paths the leading `/`, which Kong strips), or nil when
    /// the request does not match it. The prefix of a prefix path is known to match:
    /// the index only offers routes whose prefix does.
    func matchedLength(_ input: MatchInput) -> Int? {
        guard protocols.contains(input.scheme) else { return nil }
        if !methods.isEmpty, !methods.contains(input.method) { return nil }
        if !hosts.isEmpty {
            guard let host = input.host, hosts.contains(where: { $0.matches(host) }) else { return nil }
        }
        for header in headers where !header.isSatisfied(by: input.headers) { return nil }
        switch path {
        case .any:
            return input.pathBytes.first == ASCII.slash ? 1 : 0
        case .prefix(let prefix):
            return prefix.count
        case .regex(let regex):
            return regex.prefixMatchLength(in: input.pathBytes)
        }
    }
}
