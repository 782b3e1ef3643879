import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy

@Suite("Routing priority")
struct RoutingPriorityTests {
    /// One table with overlapping routes; each case names the route that must win.
    static let fixture = RoutingFixture([
        RouteSpec(name: "host", hosts: ["example.org"]),
        RouteSpec(name: "host+post", hosts: ["example.org"], methods: ["POST"]),
        RouteSpec(name: "host+path", paths: ["/api"], hosts: ["example.org"]),
        RouteSpec(name: "host+path+method", paths: ["/api"], hosts: ["example.org"], methods: ["DELETE"]),
        RouteSpec(name: "wild+path", paths: ["/api/v2"], hosts: ["*.org"]),
        RouteSpec(name: "headers+path", paths: ["/api"], headers: ["x-team": ["blue"]]),
        RouteSpec(name: "path", paths: ["/api"]),
        RouteSpec(name: "longer-path", paths: ["/api/orders"]),
        RouteSpec(name: "regex", paths: [#"~/api/orders/\d+$"#]),
        RouteSpec(name: "method", methods: ["PUT"]),
        RouteSpec(name: "two-headers", headers: ["x-team": ["blue"], "x-env": ["prod"]]),
        RouteSpec(name: "one-header", headers: ["x-team": ["blue"]]),
        RouteSpec(name: "host+header", hosts: ["example.org"], headers: ["x-team": ["blue"]]),
    ])

    struct Case: CustomTestStringConvertible, Sendable {
        var target: String
        var host: String?
        var method: HTTPMethod = .GET
        var headers: [(String, String)] = []
        var expected: String?
        var testDescription: String {
            "\(method.rawValue) \(host ?? "-") \(target) \(headers) → \(expected ?? "none")"
        }
    }

    static let cases: [Case] = [
        // More attribute kinds first.
        Case(target: "/api/x", host: "example.org", method: .DELETE, expected: "host+path+method"),
        Case(target: "/api/x", host: "example.org", expected: "host+path"),
        Case(target: "/other", host: "example.org", method: .POST, expected: "host+post"),
        Case(target: "/other", host: "example.org", expected: "host"),
        // hosts+headers (12) outranks hosts+paths (10) at two kinds each.
        Case(target: "/api", host: "example.org", headers: [("X-Team", "blue")], expected: "host+header"),
        // Plain hosts outrank wildcard hosts at the same kinds, even with a longer path.
        Case(target: "/api/v2/x", host: "example.org", expected: "host+path"),
        Case(target: "/api/v2/x", host: "other.org", expected: "wild+path"),
        // headers+paths outrank paths alone.
        Case(target: "/api", headers: [("x-team", "BLUE")], expected: "headers+path"),
        // Among paths: regex before prefix, then the longest prefix.
        Case(target: "/api/orders/42", expected: "regex"),
        Case(target: "/api/orders/42/items", expected: "longer-path"),
        Case(target: "/api/orders", expected: "longer-path"),
        Case(target: "/api/x", expected: "path"),
        // More headers first.
        Case(target: "/", headers: [("x-team", "blue"), ("x-env", "prod")], expected: "two-headers"),
        Case(target: "/", headers: [("x-team", "blue")], expected: "one-header"),
        Case(target: "/", method: .PUT, expected: "method"),
        Case(target: "/nothing", expected: nil),
        Case(target: "/nothing", host: "example.com", expected: nil),
    ]

    @Test("the route Kong's traditional router ranks first wins", arguments: cases)
    func priority(_ testCase: Case) {
        let matched = Self.fixture.route(
            testCase.target, host: testCase.host, method: testCase.method, headers: testCase.headers)
        #expect(matched == testCase.expected)
    }

    @Test("a higher regex_priority is tried first; equal priorities go by creation order")
    func regexPriority() {
        let fixture = RoutingFixture([
            RouteSpec(name: "status", paths: [#"~/status/\d+"#]),
            RouteSpec(name: "version-status", paths: [#"~/version/\d+/status/\d+"#], regexPriority: 6),
            RouteSpec(name: "version-prefix", paths: ["/version"]),
            RouteSpec(name: "version-any", paths: ["~/version/"]),
            RouteSpec(name: "version-any-late", paths: ["~/version/"], regexPriority: -1),
            RouteSpec(name: "catch-all", paths: ["~/"], regexPriority: 7),
        ])
        #expect(fixture.route("/version/1/status/2") == "catch-all")
        let withoutCatchAll = RoutingFixture([
            RouteSpec(name: "status", paths: [#"~/status/\d+"#]),
            RouteSpec(name: "version-status", paths: [#"~/version/\d+/status/\d+"#], regexPriority: 6),
            RouteSpec(name: "version-prefix", paths: ["/version"]),
            RouteSpec(name: "version-any", paths: ["~/version/"]),
            RouteSpec(name: "version-any-late", paths: ["~/version/"], regexPriority: -1),
        ])
        #expect(withoutCatchAll.route("/version/1/status/2") == "version-status")
        #expect(withoutCatchAll.route("/version/x") == "version-any")
        #expect(withoutCatchAll.route("/version") == "version-prefix")
        #expect(withoutCatchAll.route("/status/7") == "status")
        #expect(withoutCatchAll.route("/status/x") == nil)
    }

    @Test("the longest prefix wins, whatever the creation order")
    func longestPrefix() {
        let fixture = RoutingFixture([
            RouteSpec(name: "root", paths: ["/"]),
            RouteSpec(name: "a", paths: ["/a"]),
            RouteSpec(name: "abc", paths: ["/a/b/c"]),
            RouteSpec(name: "ab", paths: ["/a/b"]),
        ])
        #expect(fixture.route("/a/b/c/d") == "abc")
        #expect(fixture.route("/a/b/cd") == "abc")
        #expect(fixture.route("/a/bx") == "ab")
        #expect(fixture.route("/ax") == "a")
        #expect(fixture.route("/b") == "root")
    }

    @Test("between otherwise equal routes the oldest wins")
    func creationOrder() {
        let fixture = RoutingFixture([
            RouteSpec(name: "first", paths: ["/same"]),
            RouteSpec(name: "second", paths: ["/same"]),
            RouteSpec(name: "third", paths: ["/other", "/same"]),
        ])
        #expect(fixture.route("/same/x") == "first")
        let reversed = RouteTable(routes: [
            RouteTable.Entry(spec: RouteSpec(name: "newer", paths: ["/same"]), servicePath: nil, index: 9),
            RouteTable.Entry(spec: RouteSpec(name: "older", paths: ["/same"]), servicePath: nil, index: 3),
        ])
        #expect(reversed.match(RouteRequest(method: .GET, target: "/same", host: nil, scheme: .http))?.index == 3)
    }

    @Test("each path of a route ranks on its own: a route's long path beats another's shorter one")
    func pathsRankSeparately() {
        let fixture = RoutingFixture([
            RouteSpec(name: "short", paths: ["/a/b"]),
            RouteSpec(name: "multi", paths: ["/z", "/a/b/c"]),
        ])
        #expect(fixture.route("/a/b/c/d") == "multi")
        #expect(fixture.route("/a/b/x") == "short")
        #expect(fixture.route("/z/1") == "multi")
    }

    @Test("a wildcard host with a port outranks plain hosts, as in Kong")
    func wildcardWithPort() {
        let fixture = RoutingFixture([
            RouteSpec(name: "plain", hosts: ["api.example.org"]),
            RouteSpec(name: "wild-port", hosts: ["*.example.org:8443"]),
            RouteSpec(name: "wild", hosts: ["*.example.org"]),
        ])
        #expect(fixture.route("/", host: "api.example.org:8443") == "wild-port")
        #expect(fixture.route("/", host: "api.example.org") == "plain")
        #expect(fixture.route("/", host: "www.example.org") == "wild")
    }
}
