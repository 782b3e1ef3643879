import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// The indexed search against a naive matcher that tries every route path with plain
/// string logic and keeps the best by ``RoutePriority``: random overlapping tables and
/// requests, from a fixed seed.
@Suite("Routing index")
struct RoutingIndexTests {
    static let hosts = [
        "a.example.org", "b.example.org", "*.example.org", "example.*", "a.example.org:8080", "*.example.org:8443",
    ]
    static let paths = ["/", "/a", "/a/b", "/ab", "/b", #"~/a/\d+"#, "~/a/[a-z]+$", "~/b|/c"]
    static let requestHosts: [String?] = [
        "a.example.org", "A.example.org:8080", "b.example.org:8443", "example.com", "x.y.example.org", nil,
        "c.example.org:8443",
    ]
    static let requestPaths = ["/", "/a", "/a/1", "/a/b/c", "/ab", "/a/xyz", "/b", "/c/d", "//a/./b", "/a/%62", "/x"]
    static let methods: [HTTPMethod] = [.GET, .POST, .PUT]

    @Test("random tables: the index finds the route a full scan finds", arguments: 0..<20)
    func indexAgreesWithFullScan(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let specs = (0..<150).map { Self.randomSpec(number: $0, using: &random) }
        let fixture = RoutingFixture(specs)
        for _ in 0..<150 {
            let host = Self.requestHosts.randomElement(using: &random)!
            let path = Self.requestPaths.randomElement(using: &random)!
            let method = Self.methods.randomElement(using: &random)!
            let scheme: RouteSpec.ClientProtocol = Bool.random(using: &random) ? .http : .https
            let headers = [("X-A", "1"), ("x-b", "1"), ("x-a", "3")].filter { _ in Bool.random(using: &random) }
            let request = RouteRequest(
                method: method, target: path, host: host, scheme: scheme, headers: HTTPHeaders(headers))
            let expected = Self.fullScan(specs, request)
            #expect(
                fixture.table.match(request)?.index == expected, "\(method) \(host ?? "-") \(path) \(scheme) \(headers)"
            )
        }
    }

    private static func randomSpec(number: Int, using random: inout SplitMix64) -> RouteSpec {
        func some<T>(_ items: [T], upTo count: Int) -> [T] {
            Array(items.shuffled(using: &random).prefix(Int.random(in: 0...count, using: &random)))
        }
        var spec = RouteSpec(
            name: "\(number)", paths: some(paths, upTo: 2), hosts: some(hosts, upTo: 2),
            methods: some(["GET", "POST"], upTo: 1), headers: [:],
            protocols: Bool.random(using: &random) ? [.http, .https] : [.https],
            regexPriority: Int.random(in: 0...1, using: &random))
        for (name, values) in some([("x-a", ["1", "2"]), ("x-b", ["1"])], upTo: 2) { spec.headers[name] = values }
        if spec.paths.isEmpty && spec.hosts.isEmpty && spec.methods.isEmpty && spec.headers.isEmpty {
            spec.paths = ["/"]
        }
        return spec
    }

    /// The best (route, path) by priority among those the naive checks accept.
    private static func fullScan(_ specs: [RouteSpec], _ request: RouteRequest) -> Int? {
        let path = PathNormalizer.normalize(request.target[...]) ?? request.target
        var best: (RoutePriority, Int)?
        for (index, spec) in specs.enumerated() where naiveMatchesOtherThanPath(spec, request) {
            let routePaths: [String?] = spec.paths.isEmpty ? [nil] : spec.paths
            for (position, routePath) in routePaths.enumerated() where naivePathMatches(routePath, path) {
                let condition: PathCondition =
                    switch routePath {
                    case nil: .any
                    case let regex? where regex.hasPrefix("~"): .regex(PathRegex(pattern: String(regex.dropFirst())))
                    case let prefix?: .prefix(Array(prefix.utf8))
                    }
                let priority = RoutePriority(
                    spec: spec, hosts: spec.hosts.compactMap(HostPattern.init), path: condition, index: index,
                    pathPosition: position)
                if best.map({ priority < $0.0 }) ?? true { best = (priority, index) }
            }
        }
        return best?.1
    }

    private static func naiveMatchesOtherThanPath(_ spec: RouteSpec, _ request: RouteRequest) -> Bool {
        guard spec.protocols.contains(request.scheme) else { return false }
        if !spec.methods.isEmpty && !spec.methods.contains(request.method.rawValue) { return false }
        if !spec.hosts.isEmpty && !spec.hosts.contains(where: { naiveHostMatches($0, request) }) { return false }
        return spec.headers.allSatisfy { name, values in
            request.headers[name].contains { value in values.contains { $0.lowercased() == value.lowercased() } }
        }
    }

    private static func naiveHostMatches(_ pattern: String, _ request: RouteRequest) -> Bool {
        guard let host = request.host?.lowercased() else { return false }
        let (patternName, patternPort) = splitPort(pattern)
        let (name, port) = splitPort(host)
        let requestPort = port ?? (request.scheme == .https ? 443 : 80)
        if let patternPort, patternPort != requestPort { return false }
        if patternName.hasPrefix("*.") {
            return name.hasSuffix(patternName.dropFirst()) && name.count > patternName.count - 1
        }
        if patternName.hasSuffix(".*") {
            return name.hasPrefix(patternName.dropLast()) && name.count > patternName.count - 1
        }
        return name == patternName
    }

    private static func splitPort(_ host: String) -> (String, Int?) {
        let parts = host.split(separator: ":")
        return parts.count == 2 ? (String(parts[0]), Int(parts[1])) : (host, nil)
    }

    private static func naivePathMatches(_ routePath: String?, _ path: String) -> Bool {
        guard let routePath else { return true }
        guard routePath.hasPrefix("~") else { return path.hasPrefix(routePath) }
        return (try? Regex(String(routePath.dropFirst())).prefixMatch(in: path)) != nil
    }
}

/// A small seeded generator (SplitMix64), so every run draws the same tables.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
