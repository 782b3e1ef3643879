import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy

@Suite("Routing attributes")
struct RoutingAttributeTests {
    @Test("wildcard hosts match one or more leading labels, or any trailing labels")
    func wildcardHosts() {
        let fixture = RoutingFixture([
            RouteSpec(name: "subdomains", hosts: ["*.example.org"]),
            RouteSpec(name: "tlds", hosts: ["example.*"]),
        ])
        #expect(fixture.route("/", host: "a.example.org") == "subdomains")
        #expect(fixture.route("/", host: "a.b.example.org") == "subdomains")
        #expect(fixture.route("/", host: "A.Example.ORG") == "subdomains")
        #expect(fixture.route("/", host: "example.org") == "tlds")
        #expect(fixture.route("/", host: "example.co.uk") == "tlds")
        #expect(fixture.route("/", host: "xexample.org") == nil)
        #expect(fixture.route("/", host: "badexample.org") == nil)
        #expect(fixture.route("/", host: "example") == nil)
        #expect(fixture.route("/", host: "notexample.com") == nil)
        #expect(fixture.route("/") == nil)
    }

    @Test("hosts compare case-insensitively and, without a port in the route, on any port")
    func hostsAndPorts() {
        let fixture = RoutingFixture([
            RouteSpec(name: "any-port", hosts: ["api.example.org"]),
            RouteSpec(name: "port-8080", hosts: ["admin.example.org:8080"]),
            RouteSpec(name: "default-https", hosts: ["secure.example.org:443"]),
            RouteSpec(name: "wild-port", hosts: ["*.internal:9000"]),
            RouteSpec(name: "v6", hosts: ["[::1]:8000"]),
        ])
        #expect(fixture.route("/", host: "API.example.org") == "any-port")
        #expect(fixture.route("/", host: "api.example.org:1234") == "any-port")
        #expect(fixture.route("/", host: "admin.example.org:8080") == "port-8080")
        #expect(fixture.route("/", host: "admin.example.org") == nil)
        #expect(fixture.route("/", host: "admin.example.org:8081") == nil)
        #expect(fixture.route("/", host: "secure.example.org", scheme: .https) == "default-https")
        #expect(fixture.route("/", host: "secure.example.org", scheme: .http) == nil)
        #expect(fixture.route("/", host: "secure.example.org:443", scheme: .http) == "default-https")
        #expect(fixture.route("/", host: "db.internal:9000") == "wild-port")
        #expect(fixture.route("/", host: "db.internal") == nil)
        #expect(fixture.route("/", host: "[::1]:8000") == "v6")
        #expect(fixture.route("/", host: "[::1]") == nil)
        #expect(fixture.route("/", host: "api.example.org:99999") == nil)
        #expect(fixture.route("/", host: "api.example.org:") == "any-port")
    }

    @Test("headers: every name present (any case) with one of its values (any case)")
    func headers() {
        let fixture = RoutingFixture([
            RouteSpec(name: "both", headers: ["x-team": ["blue", "green"], "x-env": ["prod"]])
        ])
        #expect(fixture.route("/", headers: [("X-Team", "Green"), ("x-env", "PROD")]) == "both")
        #expect(fixture.route("/", headers: [("x-team", "blue"), ("X-ENV", "prod")]) == "both")
        #expect(fixture.route("/", headers: [("x-team", "red"), ("x-env", "prod")]) == nil)
        #expect(fixture.route("/", headers: [("x-team", "blue")]) == nil)
        #expect(fixture.route("/", headers: [("x-team", "red"), ("x-team", "blue"), ("x-env", "prod")]) == "both")
        #expect(fixture.route("/", headers: [("x-team", "blue, green"), ("x-env", "prod")]) == nil)
        #expect(fixture.route("/", headers: [("x-teams", "blue"), ("x-env", "prod")]) == nil)
    }

    @Test("methods: any of the listed ones")
    func methods() {
        let fixture = RoutingFixture([
            RouteSpec(name: "read", paths: ["/items"], methods: ["GET", "HEAD"]),
            RouteSpec(name: "custom", paths: ["/items"], methods: ["PURGE"]),
        ])
        #expect(fixture.route("/items", method: .GET) == "read")
        #expect(fixture.route("/items", method: .HEAD) == "read")
        #expect(fixture.route("/items", method: .POST) == nil)
        #expect(fixture.route("/items", method: .RAW(value: "PURGE")) == "custom")
        #expect(fixture.route("/items", method: .RAW(value: "purge")) == nil)
    }

    @Test("protocols: the request's scheme must be one of them")
    func protocols() {
        let fixture = RoutingFixture([
            RouteSpec(name: "tls-only", paths: ["/pay"], protocols: [.https]),
            RouteSpec(name: "both", paths: ["/"]),
        ])
        #expect(fixture.route("/pay", scheme: .https) == "tls-only")
        #expect(fixture.route("/pay", scheme: .http) == "both")
        let httpOnly = RoutingFixture([RouteSpec(name: "plain", paths: ["/"], protocols: [.http])])
        #expect(httpOnly.route("/", scheme: .https) == nil)
    }

    @Test("prefix paths compare bytes, case-sensitively, Kong-style (/foo matches /foobar)")
    func prefixPaths() {
        let fixture = RoutingFixture([RouteSpec(name: "foo", paths: ["/foo"])])
        #expect(fixture.route("/foo") == "foo")
        #expect(fixture.route("/foobar") == "foo")
        #expect(fixture.route("/foo/bar?x=1") == "foo")
        #expect(fixture.route("/Foo") == nil)
        #expect(fixture.route("/fo") == nil)
        #expect(fixture.route("*") == nil)
    }

    @Test("regex paths are anchored at the start and match as written otherwise")
    func regexAnchoring() {
        let fixture = RoutingFixture([
            RouteSpec(name: "orders", paths: [#"~/orders/\d+$"#]),
            RouteSpec(name: "anywhere", paths: ["~.*/reports"]),
        ])
        #expect(fixture.route("/orders/12") == "orders")
        #expect(fixture.route("/orders/12/items") == nil)
        #expect(fixture.route("/x/orders/12") == nil)
        #expect(fixture.route("/a/b/reports/1") == "anywhere")
    }

    @Test("an absolute-form target routes by its path, and its authority is the host")
    func absoluteForm() {
        let fixture = RoutingFixture([RouteSpec(name: "api", paths: ["/api"], hosts: ["example.org"])])
        let head = HTTPRequestHead(
            version: .http1_1, method: .GET, uri: "http://Example.org/api/x?q=1",
            headers: ["Host": "other.org"])
        let match = fixture.table.match(RouteRequest(head: head, scheme: .http))
        #expect(match?.index == 0)
        #expect(match?.upstreamTarget == "/x?q=1")
        #expect(fixture.route("HTTP://example.org", host: "example.org") == nil)
        let root = RoutingFixture([RouteSpec(name: "site", hosts: ["example.org"])])
        let rootMatch = root.match("http://example.org?x=1", host: "example.org")
        #expect(rootMatch?.path == "/")
        #expect(rootMatch?.query == "?x=1")
        #expect(rootMatch?.upstreamTarget == "/?x=1")
    }

    @Test("an asterisk-form target matches only routes without paths")
    func asteriskForm() {
        let fixture = RoutingFixture([
            RouteSpec(name: "root", paths: ["/"]),
            RouteSpec(name: "options", methods: ["OPTIONS"]),
        ])
        #expect(fixture.route("*", method: .OPTIONS) == "options")
        #expect(fixture.match("*", method: .OPTIONS)?.upstreamTarget == "*")
        #expect(fixture.route("*", method: .GET) == nil)
    }
}
