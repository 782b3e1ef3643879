import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Testing
import Synchronization
import TollgateCore
import TollgateProxy

/// Requests travel to the right upstream with the right head, and back.
@Suite("Proxy forwarding")
struct ProxyForwardingTests {
    @Test("routes, strips the matched prefix, joins the service path and preserves Host when asked")
    func routingStripAndPreserveHost() async throws {
        let a = try await TestUpstream.start(name: "a")
        let b = try await TestUpstream.start(name: "b")
        var builder = ConfigBuilder()
        builder.add(.to("svc-a", port: a.port, path: "/base"), routes: [RouteSpec(name: "strip", paths: ["/api"])])
        builder.add(
            .to("svc-b", port: b.port),
            routes: [RouteSpec(name: "keep", paths: ["/keep"], stripPath: false, preserveHost: true)])
        try await ProxyHarness.run(builder.build()) { proxy in
            let stripped = try await proxy.request("/api/users?x=1", headers: [("Host", "api.example.org")])
            #expect(stripped.status == .ok)
            #expect(stripped.upstream == "a")
            let strippedReport = try stripped.report()
            #expect(strippedReport.uri == "/base/users?x=1")
            #expect(strippedReport.values("host") == ["127.0.0.1:\(a.port)"])

            let kept = try await proxy.request("/keep/x", headers: [("Host", "api.example.org")])
            #expect(kept.upstream == "b")
            let keptReport = try kept.report()
            #expect(keptReport.uri == "/keep/x")
            #expect(keptReport.values("host") == ["api.example.org"])

            let unmatched = try await proxy.request("/nowhere")
            #expect(unmatched.status == .notFound)
            #expect(try unmatched.problem().detail == "no Route matched with those values")
            #expect(unmatched.headers.first(name: "content-type") == "application/problem+json")
        }
    }

    @Test("a service whose host is a DNS name is resolved through the resolver, once per TTL")
    func resolvesHostNames() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let lookups = LookupCounter()
        var builder = ConfigBuilder()
        builder.add(.to("named", host: "orders.internal", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build(), resolver: HostResolver(lookup: lookups.lookup)) { proxy in
            for _ in 0..<3 {
                let response = try await proxy.request("/x")
                #expect(response.status == .ok)
                #expect(response.upstream == "a")
                #expect(try response.report().values("host") == ["orders.internal:\(upstream.port)"])
            }
            #expect(lookups.names == ["orders.internal"])
        }
    }

    @Test("appends the client to X-Forwarded-For, replaces the client's -Proto, -Host and -Port, and adds Via")
    func forwardingHeaders() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let response = try await proxy.request(
                "/x",
                headers: [
                    ("Host", "shop.example.org"), ("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "https"),
                    ("x-forwarded-host", "spoofed.example"), ("X-Forwarded-Port", "1"), ("Via", "1.0 edge"),
                ])
            let report = try response.report()
            #expect(report.values("x-forwarded-for") == ["203.0.113.7, 127.0.0.1"])
            #expect(report.values("x-forwarded-proto") == ["http"])
            #expect(report.values("x-forwarded-host") == ["shop.example.org"])
            #expect(report.values("x-forwarded-port") == ["\(proxy.port)"])
            #expect(report.values("via") == ["1.0 edge", "1.1 tollgate"])
            #expect(response.headers["via"] == ["1.1 tollgate"])

            let plain = try await proxy.request("/y").report()
            #expect(plain.values("x-forwarded-for") == ["127.0.0.1"])
        }
    }

    @Test("removes hop-by-hop headers, including those named in Connection, in both directions")
    func hopByHopHeaders() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "GET /hop HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, X-Client-Hop\r\nX-Client-Hop: secret\r\n"
                    + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                    + "Proxy-Connection: keep-alive\r\nX-Test-Hop-Response: 1\r\nX-End-To-End: yes\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 200)
            let report = try UpstreamReport.decode(response.body)
            for name in ["connection", "x-client-hop", "keep-alive", "te", "proxy-authorization", "proxy-connection"] {
                #expect(report.values(name).isEmpty, "\(name) reached the upstream")
            }
            #expect(report.values("x-end-to-end") == ["yes"])
            for name in ["x-upstream-hop", "keep-alive", "proxy-authenticate"] {
                #expect(response.values(name).isEmpty, "\(name) reached the client")
            }
            #expect(response.values("connection").isEmpty)
            #expect(response.values("x-end-to-end") == ["kept"])
            await connection.close()
        }
    }

    @Test("a HEAD response carries no body and the connection stays usable")
    func headRequests() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\nGET /g HTTP/1.1\r\nHost: h\r\n\r\n")
            let head = try await connection.response(bodyless: true)
            #expect(head.status == 200)
            #expect(Int(head.value("content-length") ?? "") ?? 0 > 0)
            let get = try await connection.response()
            #expect(try UpstreamReport.decode(get.body).uri == "/g")
            #expect(upstream.log.requests.map(\.method) == ["HEAD", "GET"])
            await connection.close()
        }
    }

    @Test("streams chunked request bodies and echoes a body back while it is still being sent")
    func chunkedRequestBodies() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send("POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await connection.send("5\r\nhello\r\n")
            try await connection.send("6\r\n world\r\n0\r\n\r\n")
            let response = try await connection.response()
            let report = try UpstreamReport.decode(response.body)
            #expect(report.bodyLength == 11)
            #expect(report.values("transfer-encoding") == ["chunked"])
            await connection.close()

            let total = 3 * TestPattern.chunkSize + 17
            var request = HTTPClientRequest(url: proxy.url("/echo"))
            request.method = .POST
            request.headers.add(name: "x-test-action", value: "echo")
            request.body = .stream(PatternBody(total: total), length: .unknown)
            let echoed = try await proxy.client.execute(request, timeout: .seconds(10))
            #expect(echoed.status == .ok)
            var received = 0
            for try await part in echoed.body { received += part.readableBytes }
            #expect(received == total)
            #expect(upstream.log.requests.last?.bodySHA256 == TestPattern.sha256(total: total))
        }
    }

    @Test("Expect: 100-continue: the interim response is relayed before the client sends the body")
    func expectContinue() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await connection.response()
            #expect(interim.status == 100)
            try await connection.send("hello")
            let final = try await connection.response()
            #expect(final.status == 200)
            let report = try UpstreamReport.decode(final.body)
            #expect(report.bodyLength == 5)
            #expect(report.values("expect") == ["100-continue"])
            await connection.close()
        }
    }

    @Test("HTTP/1.0 clients: kept alive when the length is known, else the body ends with the connection")
    func http10Clients() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            for path in ["/one", "/two"] {
                try await connection.send("GET \(path) HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\n\r\n")
                let response = try await connection.response()
                #expect(response.status == 200)
                #expect(response.value("connection")?.lowercased() == "keep-alive")
                let report = try UpstreamReport.decode(response.body)
                #expect(report.uri == path)
                #expect(report.version == "HTTP/1.1", "the proxy speaks HTTP/1.1 to upstreams")
            }
            // The upstream answers chunked, which an HTTP/1.0 client cannot read.
            try await connection.send(
                "POST /echo HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\nContent-Length: 5\r\n"
                    + "X-Test-Action: echo\r\n\r\nhello")
            let echoed = try await connection.response()
            #expect(echoed.status == 200)
            #expect(echoed.values("transfer-encoding").isEmpty)
            #expect(echoed.bodyText == "hello")
            #expect(await connection.closed(within: .seconds(2)))
        }
    }

    @Test("a 101 the client did not ask for is a 502, and that upstream connection is not reused")
    func unrequestedSwitch() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /ws HTTP/1.1\r\nHost: h\r\nX-Test-Action: switch\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 502)

            let after = try await proxy.request("/after")
            #expect(after.status == .ok)
            #expect(try after.report().connection == 2, "the switched upstream connection was not reused")
        }
    }

    @Test("sequential requests reuse one kept-alive upstream connection")
    func keepAliveReuse() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            for index in 0..<50 {
                let response = try await proxy.request("/n/\(index)")
                #expect(response.status == .ok)
            }
            #expect(upstream.log.requests.count == 50)
            #expect(upstream.log.connections == 1)
        }
    }

    @Test("pipelined requests are answered in order on one connection")
    func pipelining() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "GET /p1 HTTP/1.1\r\nHost: h\r\nX-Test-Delay-Ms: 50\r\n\r\nGET /p2 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /p3 HTTP/1.1\r\nHost: h\r\n\r\n")
            var uris: [String] = []
            for _ in 0..<3 {
                uris.append(try UpstreamReport.decode(try await connection.response().body).uri)
            }
            #expect(uris == ["/p1", "/p2", "/p3"])
            await connection.close()
        }
    }

    @Test("a local answer to HEAD has no body, so the next pipelined response stays intact")
    func headAnsweredLocally() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/known"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("HEAD /unknown HTTP/1.1\r\nHost: h\r\n\r\nGET /known/x HTTP/1.1\r\nHost: h\r\n\r\n")
            let head = try await connection.response(bodyless: true)
            #expect(head.status == 404)
            let next = try await connection.response()
            #expect(next.status == 200)
            #expect(try UpstreamReport.decode(next.body).uri == "/x")
            await connection.close()
        }
    }
}

/// Answers 127.0.0.1 for every name and records the names looked up.
private final class LookupCounter: Sendable {
    private let looked = Mutex<[String]>([])
    var names: [String] { looked.withLock { $0 } }

    func lookup(_ host: String, _ port: Int) throws -> SocketAddress {
        looked.withLock { $0.append(host) }
        return try SocketAddress(ipAddress: "127.0.0.1", port: port)
    }
}
