import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `response-transformer` through real traffic, on upstream answers and on the gateway's own.
@Suite("response-transformer plugin")
struct ResponseTransformerPluginTests {
    static let config: JSONValue = [
        "remove": ["headers": ["Via"]],
        "rename": ["headers": ["X-Upstream:X-Served-By"]],
        "replace": ["headers": ["Content-Type:application/vnd.test+json", "X-Absent:nope"]],
        "add": ["headers": ["X-Added:1", "content-type:ignored"]],
        "append": ["headers": ["Cache-Control:no-store", "Cache-Control:private"]],
    ]

    @Test("upstream responses: remove, rename, replace only present, add only absent, append")
    func upstreamResponse() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated("response-transformer", config: Self.config)
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(response.status == .ok)
            #expect(response.headers["via"].isEmpty)
            #expect(response.headers["x-upstream"].isEmpty)
            #expect(response.headers["x-served-by"] == ["a"])
            #expect(response.headers["content-type"] == ["application/vnd.test+json"])
            #expect(response.headers["x-absent"].isEmpty)
            #expect(response.headers["x-added"] == ["1"])
            #expect(response.headers["cache-control"] == ["no-store", "private"])
            #expect(try response.report().upstream == "a")
        }
    }

    @Test("the gateway's own answers on the route are transformed too")
    func localAnswer() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugins = [
            try PluginSpec.validated("response-transformer", config: Self.config),
            try PluginSpec.validated("ip-restriction", config: ["deny": ["127.0.0.1"]]),
        ]
        try await SingleRouteGateway.run(plugins, upstream: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(response.status == .forbidden)
            #expect(response.headers["content-type"] == ["application/vnd.test+json"])
            #expect(response.headers["x-added"] == ["1"])
            #expect(response.headers["x-served-by"].isEmpty)
        }
    }
}
