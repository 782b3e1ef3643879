import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy
import TollgateTestSupport

/// Upstream failures: retries, and the 502, 503 and 504 problem documents.
@Suite("Proxy upstream failures")
struct ProxyFailureTests {
    @Test("a refused connection is retried on another target")
    func connectFailureRetries() async throws {
        let live = try await TestUpstream.start(name: "live")
        let closed = try closedLoopbackPort()
        var builder = ConfigBuilder()
        builder.add(
            UpstreamSpec(name: "pool"),
            targets: [TargetSpec(target: "127.0.0.1:\(closed)"), TargetSpec(target: live.address)])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            for _ in 0..<10 {
                let response = try await proxy.request("/retry")
                #expect(response.status == .ok)
                #expect(response.upstream == "live")
            }
        }
    }

    @Test("when every target refuses: 502 problem, and the client connection stays usable")
    func allTargetsRefuse() async throws {
        let first = try closedLoopbackPort()
        let second = try closedLoopbackPort()
        var builder = ConfigBuilder()
        builder.add(
            UpstreamSpec(name: "pool"),
            targets: [TargetSpec(target: "127.0.0.1:\(first)"), TargetSpec(target: "127.0.0.1:\(second)")])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "r", paths: ["/pool"])])
        builder.add(.to("direct", port: first, retries: 1), routes: [RouteSpec(name: "d", paths: ["/direct"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let pooled = try await proxy.request("/pool")
            #expect(pooled.status == .badGateway)
            #expect(try pooled.problem().detail.contains("'pool'"))

            let direct = try await proxy.request("/direct")
            #expect(direct.status == .badGateway)
            #expect(try direct.problem().detail.contains("127.0.0.1:\(first)"))

            let connection = try await proxy.rawConnection()
            for _ in 0..<2 {
                try await connection.send("GET /pool HTTP/1.1\r\nHost: h\r\n\r\n")
                let response = try await connection.response()
                #expect(response.status == 502)
            }
            await connection.close()
        }
    }

    @Test("an upstream that does not answer within read_timeout_ms: 504 problem, no retry")
    func readTimeout() async throws {
        let upstream = try await TestUpstream.start(name: "a", behaviour: UpstreamBehaviour(action: .hang))
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port, readTimeoutMs: 200), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let started = ContinuousClock.now
            let response = try await proxy.request("/slow")
            #expect(response.status == .gatewayTimeout)
            #expect(try response.problem().status == 504)
            #expect(ContinuousClock.now - started < .seconds(3))
            // The upstream logs the request on its own loop, possibly after the 504 under load.
            for _ in 0..<100 where upstream.log.requests.isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(upstream.log.requests.count == 1)
        }
    }

    @Test("on a kept-alive connection, a service's shorter read timeout applies after a longer one's request")
    func readTimeoutAfterLongerOne() async throws {
        let patient = try await TestUpstream.start(name: "patient")
        let hanging = try await TestUpstream.start(name: "hanging", behaviour: UpstreamBehaviour(action: .hang))
        var builder = ConfigBuilder()
        builder.add(
            .to("patient", port: patient.port, readTimeoutMs: 60_000), routes: [RouteSpec(name: "p", paths: ["/patient"])])
        builder.add(.to("hasty", port: hanging.port, readTimeoutMs: 200), routes: [RouteSpec(name: "h", paths: ["/hasty"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /patient HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try await connection.response().status == 200)
            try await connection.send("GET /hasty HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try await connection.response(within: .seconds(5)).status == 504)
            await connection.close()
        }
    }

    @Test("an upstream that closes before answering: 502; only idempotent requests are retried")
    func resetBeforeResponse() async throws {
        let upstream = try await TestUpstream.start(name: "a", behaviour: UpstreamBehaviour(action: .close))
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port, retries: 2), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let post = try await proxy.request("/post", method: .POST, body: ByteBuffer(string: "payload"))
            #expect(post.status == .badGateway)
            #expect(try post.problem().status == 502)
            #expect(upstream.log.connections == 1)

            let get = try await proxy.request("/get")
            #expect(get.status == .badGateway)
            #expect(upstream.log.connections == 1 + 3, "a GET is tried once and retried twice")
        }
    }

    @Test("an upstream that closes mid-response cuts the client off; the proxy keeps serving")
    func closeMidResponse() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            await #expect(throws: (any Error).self) {
                _ = try await proxy.request("/cut", headers: [("x-test-action", "close-mid")])
            }
            let after = try await proxy.request("/after")
            #expect(after.status == .ok)
        }
    }

    @Test("an https service whose server speaks plain HTTP: 502, never sent in clear text")
    func httpsServiceRefused() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(
            ServiceSpec(name: "secure", scheme: .https, host: "127.0.0.1", port: upstream.port),
            routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let response = try await proxy.request("/x")
            #expect(response.status == .badGateway)
            #expect(try response.problem().detail.contains("'secure'"))
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("no usable target: 503 problem naming the upstream")
    func noUsableTarget() async throws {
        let a = try await TestUpstream.start(name: "a")
        let b = try await TestUpstream.start(name: "b")
        var builder = ConfigBuilder()
        let keys = builder.add(
            UpstreamSpec(name: "orders-pool"), targets: [TargetSpec(target: a.address), TargetSpec(target: b.address)])
        builder.add(.balanced("svc", upstream: "orders-pool"), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let before = try await proxy.request("/before")
            #expect(before.status == .ok)
            for key in keys { proxy.health.mark(key, healthy: false, at: Date()) }
            let response = try await proxy.request("/after")
            #expect(response.status == .serviceUnavailable)
            let problem = try response.problem()
            #expect(problem.status == 503)
            #expect(problem.detail.contains("orders-pool"))
            #expect(a.log.requests.count + b.log.requests.count == 1)
        }
    }
}
