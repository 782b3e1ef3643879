import Testing
import TollgateCore
import TollgateProxy

@Suite("Routing upstream target")
struct RoutingUpstreamTargetTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var routePath: String?
        var stripPath: Bool
        var servicePath: String?
        var request: String
        var expected: String
        var testDescription: String {
            "\(routePath ?? "no path") strip=\(stripPath) service=\(servicePath ?? "none") \(request) → \(expected)"
        }
    }

    static let cases: [Case] = [
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1", request: "/foo/x", expected: "/v1/x"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1", request: "/foo", expected: "/v1"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1/", request: "/foo/x", expected: "/v1/x"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1/", request: "/foo", expected: "/v1"),
        Case(routePath: "/foo/", stripPath: true, servicePath: "/v1/", request: "/foo/", expected: "/v1/"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1", request: "/foo/", expected: "/v1/"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/v1", request: "/foobar", expected: "/v1/bar"),
        Case(routePath: "/foo", stripPath: true, servicePath: nil, request: "/foo/x", expected: "/x"),
        Case(routePath: "/foo", stripPath: true, servicePath: nil, request: "/foo", expected: "/"),
        Case(routePath: "/foo", stripPath: true, servicePath: "/", request: "/foo/x?a=1&b", expected: "/x?a=1&b"),
        Case(routePath: "/foo", stripPath: false, servicePath: nil, request: "/foo/x?q", expected: "/foo/x?q"),
        Case(routePath: "/foo", stripPath: false, servicePath: "/v1", request: "/foo/x", expected: "/v1/foo/x"),
        Case(routePath: "/foo", stripPath: false, servicePath: "/v1/", request: "/foo/x", expected: "/v1/foo/x"),
        Case(routePath: nil, stripPath: false, servicePath: "/v1", request: "/", expected: "/v1"),
        Case(routePath: nil, stripPath: true, servicePath: "/v1", request: "/", expected: "/v1"),
        Case(routePath: nil, stripPath: true, servicePath: "/v1", request: "/a/b", expected: "/v1/a/b"),
        Case(routePath: nil, stripPath: true, servicePath: nil, request: "/a/b?c", expected: "/a/b?c"),
        Case(routePath: #"~/version/\d+"#, stripPath: true, servicePath: nil, request: "/version/12/x", expected: "/x"),
        Case(
            routePath: #"~/version/\d+"#, stripPath: true, servicePath: "/api", request: "/version/7", expected: "/api"),
        Case(
            routePath: #"~/v/\d+/"#, stripPath: true, servicePath: "/api/", request: "/v/7/users",
            expected: "/api/users"),
        Case(routePath: "~/(a|ab)c", stripPath: true, servicePath: nil, request: "/abc/d", expected: "/d"),
        Case(
            routePath: #"~/version/\d+"#, stripPath: false, servicePath: nil, request: "/version/1",
            expected: "/version/1"),
        // The normalised path is what is forwarded; the query is kept as received.
        Case(
            routePath: "/a", stripPath: false, servicePath: nil, request: "/a/./b/../%7Ec?x=%7E",
            expected: "/a/~c?x=%7E"),
        Case(routePath: "/a", stripPath: true, servicePath: "/s", request: "//a//b", expected: "/s/b"),
        // A remainder that would start a dot segment loses it.
        Case(routePath: "/a", stripPath: true, servicePath: "/s", request: "/a../b", expected: "/s/b"),
        Case(routePath: "/a", stripPath: true, servicePath: "/s", request: "/a..", expected: "/s"),
    ]

    @Test("strip_path and the service path join without a double slash", arguments: cases)
    func upstreamTarget(_ testCase: Case) {
        let spec = RouteSpec(
            name: "r", paths: testCase.routePath.map { [$0] } ?? [], hosts: testCase.routePath == nil ? ["h"] : [],
            stripPath: testCase.stripPath)
        let fixture = RoutingFixture([spec], servicePath: testCase.servicePath)
        let match = fixture.match(testCase.request, host: "h")
        #expect(match?.upstreamTarget == testCase.expected)
    }

    @Test("preserve_host is reported as configured")
    func preserveHost() {
        let fixture = RoutingFixture([
            RouteSpec(name: "keep", paths: ["/keep"], preserveHost: true),
            RouteSpec(name: "replace", paths: ["/replace"]),
        ])
        #expect(fixture.match("/keep")?.preserveHost == true)
        #expect(fixture.match("/replace")?.preserveHost == false)
    }

    @Test("the match reports the normalised path and the raw query")
    func pathAndQuery() {
        let fixture = RoutingFixture([RouteSpec(name: "r", paths: ["/"])])
        let match = fixture.match("/a/%62/../c?z=%2f")
        #expect(match?.path == "/a/c")
        #expect(match?.query == "?z=%2f")
    }
}
