import TollgateCore

extension RouteIndex {
    /// Compiles every (route, path) pair and sorts them by ``RoutePriority``.
    static func compile(_ entries: [RouteTable.Entry]) -> [CompiledRoute] {
        var regexes: [String: PathRegex] = [:]
        var ranked: [(priority: RoutePriority, route: CompiledRoute)] = []
        for entry in entries {
            let spec = entry.spec
            let hosts = spec.hosts.compactMap(HostPattern.init)
            guard spec.hosts.isEmpty || !hosts.isEmpty else { continue }
            let methods = Array(Set(spec.methods.map { $0.uppercased() })).sorted()
            let headers = spec.headers.sorted { $0.key < $1.key }.map {
                HeaderCondition(name: $0.key, values: $0.value)
            }
            for (position, path) in pathConditions(spec.paths, regexes: &regexes).enumerated() {
                let route = CompiledRoute(
                    index: entry.index, protocols: ProtocolMask(spec.protocols), methods: methods, hosts: hosts,
                    headers: headers, path: path, stripPath: spec.stripPath, preserveHost: spec.preserveHost,
                    servicePath: entry.servicePath)
                let priority = RoutePriority(
                    spec: spec, hosts: hosts, path: path, index: entry.index, pathPosition: position)
                ranked.append((priority, route))
            }
        }
        ranked.sort { $0.priority < $1.priority }
        return ranked.map(\.route)
    }

    /// One condition per path (`.any` for a route without paths); regexes compiled once per pattern.
    private static func pathConditions(_ paths: [String], regexes: inout [String: PathRegex]) -> [PathCondition] {
        guard !paths.isEmpty else { return [.any] }
        return paths.map { path in
            guard path.hasPrefix("~") else { return .prefix(PathNormalizer.normalizeRoutePath(path)) }
            let pattern = PathNormalizer.normalizeRegexPattern(String(path.dropFirst()))
            if let regex = regexes[pattern] { return .regex(regex) }
            let regex = PathRegex(pattern: pattern)
            regexes[pattern] = regex
            return .regex(regex)
        }
    }
}
