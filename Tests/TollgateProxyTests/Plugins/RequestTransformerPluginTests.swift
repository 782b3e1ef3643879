import Testing
import TollgateCore

@testable import TollgateProxy

/// `request-transformer` through real traffic: header and query-string edits in
/// Kong's order, as the upstream receives them.
@Suite("request-transformer plugin")
struct RequestTransformerPluginTests {
    @Test("headers: remove, rename, replace only present, add only absent, append")
    func headers() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "request-transformer",
            config: [
                "remove": ["headers": ["X-Remove"]],
                "rename": ["headers": ["X-Old:X-New", "X-Missing:X-Never"]],
                "replace": ["headers": ["x-replace:new", "X-Absent:nope"]],
                "add": ["headers": ["X-Add:added", "X-Keep:ignored", "X-Time:12:30"]],
                "append": ["headers": ["X-Multi:two", "X-Appended:1"]],
            ])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let report = try await proxy.request(
                "/", headers: [
                    ("X-Remove", "gone"), ("X-Old", "o1"), ("X-Old", "o2"), ("X-Replace", "old"), ("X-Keep", "mine"),
                    ("X-Multi", "one"),
                ]
            ).report()
            #expect(report.values("x-remove").isEmpty)
            #expect(report.values("x-old").isEmpty)
            #expect(report.values("x-new") == ["o1", "o2"])
            #expect(report.values("x-never").isEmpty)
            #expect(report.values("x-replace") == ["new"])
            #expect(report.values("x-absent").isEmpty)
            #expect(report.values("x-add") == ["added"])
            #expect(report.values("x-keep") == ["mine"])
            #expect(report.values("x-time") == ["12:30"])
            #expect(report.values("x-multi") == ["one", "two"])
            #expect(report.values("x-appended") == ["1"])
        }
    }

    @Test("a rule can act on what an earlier rule produced: rename then replace, remove then add")
    func order() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "request-transformer",
            config: [
                "remove": ["headers": ["X-A"]], "add": ["headers": ["X-A:fresh"]],
                "rename": ["headers": ["X-B:X-C"]], "replace": ["headers": ["X-C:replaced"]],
            ])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let report = try await proxy.request("/", headers: [("X-A", "client"), ("X-B", "b"), ("X-C", "c")]).report()
            #expect(report.values("x-a") == ["fresh"])
            #expect(report.values("x-b").isEmpty)
            #expect(report.values("x-c") == ["replaced"])
        }
    }

    @Test("query string: the same edits; untouched parameters pass byte for byte; values are percent-encoded")
    func queryString() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "request-transformer",
            config: [
                "remove": ["querystring": ["token"]],
                "rename": ["querystring": ["old:new"]],
                "replace": ["querystring": ["page:1", "absent:x"]],
                "add": ["querystring": ["lang:en us&more", "keep:ignored"]],
                "append": ["querystring": ["tag:b"]],
            ])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let report = try await proxy.request("/items?token=s&old=v&page=5&page=6&tag=a&keep=%20x&flag").report()
            #expect(report.uri == "/items?new=v&page=1&tag=a&keep=%20x&flag&lang=en%20us%26more&tag=b")
        }
    }

    @Test("a query left empty loses its ?; a request without a query gets one when parameters are added")
    func emptyQuery() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "request-transformer", config: ["remove": ["querystring": ["token"]], "add": ["querystring": ["v:2"]]])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let emptied = try await proxy.request("/x?token=1").report()
            #expect(emptied.uri == "/x?v=2")
            #expect(try await proxy.request("/x").report().uri == "/x?v=2")
        }
        let removeOnly = try PluginSpec.validated("request-transformer", config: ["remove": ["querystring": ["token"]]])
        try await SingleRouteGateway.run([removeOnly], upstream: upstream) { proxy in
            let report = try await proxy.request("/x?token=1").report()
            #expect(report.uri == "/x")
        }
    }

    @Test("an empty configuration leaves the request alone")
    func emptyConfig() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try PluginSpec.validated("request-transformer")], upstream: upstream) {
            proxy in
            let report = try await proxy.request("/x?b=2&a=1", headers: [("X-A", "1")]).report()
            #expect(report.uri == "/x?b=2&a=1")
            #expect(report.values("x-a") == ["1"])
        }
    }
}
