/// Files ranked routes by host key: each exact host and each wildcard gets a scope of
/// its routes, found through three trees (exact names, reversed `*.` suffixes, `.*`
/// prefixes); routes without hosts go to one more scope. Build-time only.
struct HostIndex {
    let scopes: [RouteScope]
    let hostless: RouteScope
    let exact: PrefixTree
    let subdomain: PrefixTree
    let topLevel: PrefixTree

    /// - Parameter routes: Routes in rank order.
    init(_ routes: [CompiledRoute]) {
        var hostlessFilings: [(key: [UInt8], rank: Int32)] = []
        var scopeFilings: [[(key: [UInt8], rank: Int32)]] = []
        var scopeNumbers: [HostScopeKey: Int] = [:]
        var keys: [HostScopeKey] = []
        for (rank, route) in routes.enumerated() {
            let filing = (key: route.path.indexKey, rank: Int32(rank))
            guard !route.hosts.isEmpty else {
                hostlessFilings.append(filing)
                continue
            }
            var filed = Set<HostScopeKey>()
            for key in route.hosts.map(HostScopeKey.init) where filed.insert(key).inserted {
                let scope = scopeNumbers[key] ?? keys.count
                if scope == keys.count {
                    scopeNumbers[key] = scope
                    keys.append(key)
                    scopeFilings.append([])
                }
                scopeFilings[scope].append(filing)
            }
        }
        func tree(_ kind: HostPattern.Kind) -> PrefixTree {
            let scopes = keys.indices.filter { keys[$0].kind == kind }
            return PrefixTree(keys: scopes.map { keys[$0].treeKey }, values: scopes.map(Int32.init))
        }
        scopes = scopeFilings.map(RouteScope.init)
        hostless = RouteScope(filings: hostlessFilings)
        exact = tree(.exact)
        subdomain = tree(.anySubdomain)
        topLevel = tree(.anyTopLevel)
    }
}
