import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `cors` through real traffic: preflights answered by the gateway, origin headers
/// on proxied and refused origins, regular expressions, credentials and `Vary`.
@Suite("cors plugin")
struct CORSPluginTests {
    static let app = "https://app.example.com"

    static func preflight(origin: String, requestHeaders: String? = nil) -> [(String, String)] {
        var headers = [("Origin", origin), ("Access-Control-Request-Method", "PUT")]
        if let requestHeaders { headers.append(("Access-Control-Request-Headers", requestHeaders)) }
        return headers
    }

    @Test("a preflight from an allowed origin is answered by the gateway with every Access-Control header")
    func preflightAnswered() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated(
            "cors", config: ["origins": [.string(Self.app)], "credentials": true, "max_age": 600])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let response = try await proxy.request(
                "/items", method: .OPTIONS, headers: Self.preflight(origin: Self.app, requestHeaders: "x-a, x-b"))
            #expect(response.status == .ok)
            #expect(response.headers["access-control-allow-origin"] == [Self.app])
            #expect(response.headers["access-control-allow-credentials"] == ["true"])
            #expect(response.headers["access-control-allow-headers"] == ["x-a,x-b"])
            #expect(response.headers["access-control-allow-methods"] == [CORSSchema.defaultMethods.joined(separator: ",")])
            #expect(response.headers["access-control-max-age"] == ["600"])
            #expect(response.headers["vary"] == ["Origin"])
            #expect(response.body.readableBytes == 0)
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("configured methods and headers replace the defaults and the requested headers; no max_age, no Max-Age")
    func preflightConfiguredLists() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated(
            "cors", config: ["origins": [.string(Self.app)], "methods": ["GET", "PUT"], "headers": ["X-Token", "X-Id"]])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let response = try await proxy.request(
                "/", method: .OPTIONS, headers: Self.preflight(origin: Self.app, requestHeaders: "x-other"))
            #expect(response.headers["access-control-allow-headers"] == ["X-Token,X-Id"])
            #expect(response.headers["access-control-allow-methods"] == ["GET,PUT"])
            #expect(response.headers["access-control-max-age"].isEmpty)
            #expect(response.headers["access-control-allow-credentials"].isEmpty)
        }
    }

    @Test("a preflight from a refused origin gets no Access-Control-Allow-Origin, so the browser stops there")
    func preflightRefusedOrigin() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated("cors", config: ["origins": [.string(Self.app)]])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let response = try await proxy.request(
                "/", method: .OPTIONS, headers: Self.preflight(origin: "https://evil.example"))
            #expect(response.status == .ok)
            #expect(response.headers["access-control-allow-origin"].isEmpty)
            #expect(response.headers["vary"] == ["Origin"])
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("with preflight_continue the upstream answers preflights and the gateway adds nothing")
    func preflightContinue() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated("cors", config: ["preflight_continue": true])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let response = try await proxy.request("/", method: .OPTIONS, headers: Self.preflight(origin: Self.app))
            #expect(try response.report().method == "OPTIONS")
            #expect(response.headers["access-control-allow-origin"].isEmpty)
            #expect(response.headers["access-control-allow-methods"].isEmpty)
        }
    }

    @Test("an OPTIONS request that is not a preflight goes upstream and gets the origin headers")
    func plainOptions() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated("cors", config: [:])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let response = try await proxy.request("/", method: .OPTIONS, headers: [("Origin", Self.app)])
            #expect(try response.report().method == "OPTIONS")
            #expect(response.headers["access-control-allow-origin"] == ["*"])
        }
    }

    @Test("proxied responses: an allowed origin is echoed with exposed headers; refused and absent origins are not")
    func proxiedResponses() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated(
            "cors", config: ["origins": [.string(Self.app)], "exposed_headers": ["X-Total", "X-Page"]])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            let allowed = try await proxy.request("/", headers: [("Origin", Self.app)])
            #expect(allowed.status == .ok)
            #expect(allowed.headers["access-control-allow-origin"] == [Self.app])
            #expect(allowed.headers["access-control-expose-headers"] == ["X-Total,X-Page"])
            #expect(allowed.headers["access-control-allow-credentials"].isEmpty)
            #expect(allowed.headers["vary"] == ["Origin"])

            let refused = try await proxy.request("/", headers: [("Origin", "https://evil.example")])
            #expect(refused.status == .ok)
            #expect(refused.headers["access-control-allow-origin"].isEmpty)
            #expect(refused.headers["access-control-expose-headers"].isEmpty)
            #expect(refused.headers["vary"] == ["Origin"])

            let sameOrigin = try await proxy.request("/")
            #expect(sameOrigin.headers["access-control-allow-origin"].isEmpty)
            #expect(sameOrigin.headers["vary"] == ["Origin"])
            #expect(upstream.log.requests.count == 3)
        }
    }

    @Test("exact origins compare case-insensitively and without the scheme's default port")
    func normalizedOrigins() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated(
            "cors", config: ["origins": ["https://App.Example.com:443", "http://local.test:8080"]])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            for origin in [Self.app, "https://app.example.com:443", "http://local.test:8080"] {
                let response = try await proxy.request("/", headers: [("Origin", origin)])
                #expect(response.headers["access-control-allow-origin"] == [origin], "\(origin)")
            }
            for origin in ["http://app.example.com", "http://local.test", "https://app.example.com:8443", "null"] {
                let response = try await proxy.request("/", headers: [("Origin", origin)])
                #expect(response.headers["access-control-allow-origin"].isEmpty, "\(origin)")
            }
        }
    }

    @Test("a ~ pattern with a colon matches whole origins; one without matches hosts; both are anchored")
    func regexOrigins() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated(
            "cors", config: ["origins": [#"~https://[a-z]+\.example\.org"#, #"~(shop|cart)\.example\.net"#]])
        try await SingleRouteGateway.run([cors], upstream: upstream) { proxy in
            for origin in ["https://api.example.org", "http://shop.example.net:8080", "https://cart.example.net"] {
                let response = try await proxy.request("/", headers: [("Origin", origin)])
                #expect(response.headers["access-control-allow-origin"] == [origin], "\(origin)")
            }
            let refused = [
                "http://api.example.org", "https://api.example.org.evil.com", "https://a1.example.org",
                "https://shop.example.net.evil.com", "https://myshop.example.net",
            ]
            for origin in refused {
                let response = try await proxy.request("/", headers: [("Origin", origin)])
                #expect(response.headers["access-control-allow-origin"].isEmpty, "\(origin)")
            }
        }
    }

    @Test(
        "an upstream response that already varies by Origin, or by everything, gets no second Vary",
        arguments: ["Accept-Encoding, origin", "*"])
    func upstreamVary(vary: String) async throws {
        let upstream = try await CannedUpstream.start(answer: "HTTP/1.1 200 OK\r\nVary: \(vary)\r\nContent-Length: 0\r\n\r\n")
        let cors = try PluginSpec.validated("cors", config: ["origins": [.string(Self.app)]])
        try await SingleRouteGateway.run([cors], upstreamPort: upstream.port) { proxy in
            let response = try await proxy.request("/", headers: [("Origin", Self.app)])
            #expect(response.headers["access-control-allow-origin"] == [Self.app])
            #expect(response.headers["vary"] == [vary])
        }
    }

    @Test("* allows any origin without Vary; with credentials the origin is echoed, as * cannot carry credentials")
    func wildcard() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let open = try PluginSpec.validated("cors", route: "r", config: [:])
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        let id = builder.add(plugin: open)
        try await ProxyHarness.run(builder.build()) { proxy in
            let response = try await proxy.request("/", headers: [("Origin", Self.app)])
            #expect(response.headers["access-control-allow-origin"] == ["*"])
            #expect(response.headers["vary"].isEmpty)

            builder.replace(plugin: id, with: try PluginSpec.validated("cors", route: "r", config: ["credentials": true]))
            await proxy.publish(builder.build())
            let credentialed = try await proxy.request("/", headers: [("Origin", Self.app)])
            #expect(credentialed.headers["access-control-allow-origin"] == [Self.app])
            #expect(credentialed.headers["access-control-allow-credentials"] == ["true"])
            #expect(credentialed.headers["vary"] == ["Origin"])
        }
    }

    @Test("the gateway's own answers on the route carry the origin headers too, so browsers can read them")
    func localAnswers() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let cors = try PluginSpec.validated("cors", config: ["origins": [.string(Self.app)]])
        let deny = try PluginSpec.validated("ip-restriction", config: ["deny": ["127.0.0.1"]])
        try await SingleRouteGateway.run([cors, deny], upstream: upstream) { proxy in
            let response = try await proxy.request("/", headers: [("Origin", Self.app)])
            #expect(response.status == .forbidden)
            #expect(response.headers["access-control-allow-origin"] == [Self.app])
        }
    }
}
