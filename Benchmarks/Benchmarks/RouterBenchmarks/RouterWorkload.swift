import NIOHTTP1
import TollgateCore
import TollgateProxy

/// A configuration of 10,000 routes mixing the shapes real ones take, and requests
/// that hit each shape.
enum RouterWorkload {
    static let routeCount = 10_000

    /// Routes by `i % 20`: 30% an own host with two paths, 20% one shared host with
    /// 2,000 paths, 20% prefix paths without host, 10% wildcard hosts, 5% methods, 5%
    /// headers, 5% a regex under a host, 5% a regex without host.
    static func entries() -> [RouteTable.Entry] {
        (0..<routeCount).map { i in
            let spec: RouteSpec
            switch i % 20 {
            case 0...5:
                spec = RouteSpec(
                    name: "\(i)", paths: ["/api/v1/orders", "/api/v1/users"], hosts: ["svc\(i).example.com"])
            case 6...9: spec = RouteSpec(name: "\(i)", paths: ["/svc\(i)"], hosts: ["api.example.com"])
            case 10...13: spec = RouteSpec(name: "\(i)", paths: ["/r\(i)/items"])
            case 14, 15: spec = RouteSpec(name: "\(i)", paths: ["/"], hosts: ["*.t\(i).example.org"])
            case 16: spec = RouteSpec(name: "\(i)", paths: ["/m\(i)"], methods: ["POST", "PUT"])
            case 17: spec = RouteSpec(name: "\(i)", paths: ["/h\(i)"], headers: ["x-tenant": ["t\(i)"]])
            case 18: spec = RouteSpec(name: "\(i)", paths: [#"~/items/\d+/detail$"#], hosts: ["rx\(i).example.com"])
            default: spec = RouteSpec(name: "\(i)", paths: [#"~/u\#(i)/\d+$"#])
            }
            return RouteTable.Entry(spec: spec, servicePath: i % 2 == 0 ? "/backend" : nil, index: i)
        }
    }

    /// 1,024 requests of one shape, spread over the routes of that shape.
    static func requests(_ shape: Shape) -> [RouteRequest] {
        (0..<1_024).map { n in
            let i = (n * 397) % routeCount
            let bucket = i - i % 20
            return shape.request(base: bucket)
        }
    }

    enum Shape: String, CaseIterable {
        case ownHost = "own host + path"
        case sharedHost = "shared host (2,000 paths)"
        case noHost = "prefix path, no host"
        case wildcardHost = "wildcard host"
        case method = "path + method"
        case header = "path + header"
        case regexUnderHost = "regex under a host"
        case regexNoHost = "regex, no host"
        case noMatch = "no match"
        case normalisation = "path needing normalisation"

        private static let headers = HTTPHeaders([("user-agent", "wrk"), ("accept", "*/*")])

        /// A request for the route of this shape in the group of 20 starting at `base`.
        func request(base: Int) -> RouteRequest {
            func get(_ target: String, host: String?, method: HTTPMethod = .GET, headers: HTTPHeaders = Self.headers)
                -> RouteRequest
            {
                RouteRequest(method: method, target: target, host: host, scheme: .http, headers: headers)
            }
            switch self {
            case .ownHost: return get("/api/v1/orders/123?page=2", host: "svc\(base + 3).example.com")
            case .sharedHost: return get("/svc\(base + 7)/x", host: "api.example.com")
            case .noHost: return get("/r\(base + 11)/items/5", host: "gateway.local:8000")
            case .wildcardHost: return get("/x", host: "a.t\(base + 14).example.org")
            case .method: return get("/m\(base + 16)", host: "gateway.local", method: .POST)
            case .header:
                var headers = Self.headers
                headers.add(name: "X-Tenant", value: "t\(base + 17)")
                return get("/h\(base + 17)/x", host: "gateway.local", headers: headers)
            case .regexUnderHost: return get("/items/42/detail", host: "rx\(base + 18).example.com")
            case .regexNoHost: return get("/u\(base + 19)/77", host: "gateway.local")
            case .noMatch: return get("/nothing/here", host: "unknown.example.net")
            case .normalisation: return get("/r\(base + 11)//items/./%35", host: "gateway.local")
            }
        }
    }
}
