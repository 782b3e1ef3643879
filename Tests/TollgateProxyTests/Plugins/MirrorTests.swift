import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore
import TollgateTestSupport

@testable import TollgateProxy

/// Traffic mirroring through real traffic: the copy and its body, the `Host`
/// suffix, sampling, large bodies, and a slow, dead or saturated mirror that never
/// touches the primary request.
@Suite("Mirror")
struct MirrorTests {
    /// A service `svc` on `primary` with one route `r` on `/`, mirrored to `mirror`.
    static func gateway(primary: TestUpstream, mirror: MirrorSpec) -> GatewayConfig {
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: primary.port), routes: [RouteSpec(name: "r", paths: ["/"], stripPath: false)])
        builder.set(mirror: mirror, route: "r")
        return builder.build()
    }

    static func mirror(
        to upstream: TestUpstream, port: Int? = nil, samplePercent: Double = 100, includeBody: Bool = true,
        timeoutMs: Int = 2000
    ) throws -> MirrorSpec {
        MirrorSpec(
            destination: .url(try UpstreamURL.parse("http://127.0.0.1:\(port ?? upstream.port)").get()),
            samplePercent: samplePercent, includeBody: includeBody, timeoutMs: timeoutMs)
    }

    /// The counters of the only mirror in `config`.
    static func counters(_ proxy: ProxyHarness, _ config: GatewayConfig) -> MirrorCounters {
        config.mirrors.first.map { proxy.compiler.traffic.stats.mirror($0.entity.metadata.id) } ?? MirrorCounters()
    }

    /// What a test of a mirrored route works with: the proxy, the primary and shadow
    /// upstreams, and the mirror's counters.
    struct MirrorRun {
        let proxy: ProxyHarness
        let primary: TestUpstream
        let shadow: TestUpstream
        let config: GatewayConfig

        var counters: MirrorCounters { MirrorTests.counters(proxy, config) }
    }

    /// Runs `body` against a gateway whose route `r` on a fresh primary upstream is
    /// mirrored to a fresh shadow upstream that behaves as `behaviour`.
    static func withMirror(
        shadow behaviour: UpstreamBehaviour = UpstreamBehaviour(), samplePercent: Double = 100, includeBody: Bool = true,
        timeoutMs: Int = 2000, _ body: (MirrorRun) async throws -> Void
    ) async throws {
        let primary = try await TestUpstream.start(name: "primary")
        let shadow = try await TestUpstream.start(name: "shadow", behaviour: behaviour)
        let spec = try mirror(to: shadow, samplePercent: samplePercent, includeBody: includeBody, timeoutMs: timeoutMs)
        let config = gateway(primary: primary, mirror: spec)
        try await ProxyHarness.run(config) { proxy async throws in
            try await body(MirrorRun(proxy: proxy, primary: primary, shadow: shadow, config: config))
        }
    }

    /// Polls `condition` every 10 ms for up to 5 s; returns whether it came true.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test("a copy carries the method, target, headers and body, with -shadow after the Host's host")
    func copyWithBody() async throws {
        try await Self.withMirror { (run: MirrorRun) async throws in
            let body = ByteBuffer(string: String(repeating: "mirror me ", count: 5000))
            let response = try await run.proxy.request("/orders?id=7", method: .POST, headers: [("X-Trace", "t1")], body: body)
            #expect(response.status == .ok)
            let original = try response.report()
            #expect(try await Self.eventually { run.shadow.log.requests.count == 1 })
            let copy = try #require(run.shadow.log.requests.first)
            #expect(copy.method == "POST")
            #expect(copy.uri == "/orders?id=7")
            #expect(copy.value("x-trace") == "t1")
            #expect(copy.bodyLength == body.readableBytes)
            #expect(copy.bodySHA256 == original.bodySHA256)
            #expect(copy.value("host") == "127.0.0.1-shadow:\(run.proxy.port)")
            #expect(original.value("host") != copy.value("host"))
            #expect(try await Self.eventually { run.counters.sent == 1 })
        }
    }

    @Test("without include_body a copy has no body")
    func withoutBody() async throws {
        try await Self.withMirror(includeBody: false) { (run: MirrorRun) async throws in
            let response = try await run.proxy.request("/x", method: .PUT, body: ByteBuffer(string: "payload"))
            #expect(try response.report().bodyLength == 7)
            #expect(try await Self.eventually { run.shadow.log.requests.count == 1 })
            #expect(run.shadow.log.requests.first?.bodyLength == 0)
        }
    }

    @Test("sample_percent copies an exact share of the requests")
    func sampling() async throws {
        try await Self.withMirror(samplePercent: 25) { (run: MirrorRun) async throws in
            for _ in 0..<40 { #expect(try await run.proxy.request("/x").status == .ok) }
            #expect(try await Self.eventually { run.counters.sent == 10 })
            #expect(run.shadow.log.requests.count == 10)
            #expect(run.primary.log.requests.count == 40)
        }
    }

    @Test("a body over 1 MiB is not mirrored and is counted as skipped; the primary gets all of it")
    func largeBodySkipped() async throws {
        try await Self.withMirror { (run: MirrorRun) async throws in
            let large = ByteBuffer(repeating: 0x61, count: (1 << 20) + 1)
            let response = try await run.proxy.request("/upload", method: .POST, body: large)
            #expect(try response.report().bodyLength == large.readableBytes)
            let exact = ByteBuffer(repeating: 0x62, count: 1 << 20)
            #expect(try await run.proxy.request("/upload", method: .POST, body: exact).status == .ok)
            #expect(try await Self.eventually { run.counters.sent == 1 })
            #expect(run.counters.skipped == 1)
            #expect(run.shadow.log.requests.map(\.bodyLength) == [1 << 20])
        }
    }

    @Test("a mirror that answers after 2 s does not delay the primary")
    func slowMirror() async throws {
        try await Self.withMirror(shadow: UpstreamBehaviour(delayMilliseconds: 2000), timeoutMs: 5000) { (run: MirrorRun) async throws in
            // No timing: had a primary waited for its copy, that copy would be answered by now.
            for _ in 0..<5 {
                let status = try await run.proxy.request("/x", method: .POST, body: ByteBuffer(string: "b")).status
                #expect(status == .ok)
            }
            #expect(run.counters.sent == 0, "a copy was answered before the primaries ended")
        }
    }

    @Test("copies go one after another over one kept-alive connection to the mirror")
    func keepAlive() async throws {
        try await Self.withMirror { (run: MirrorRun) async throws in
            for copies in 1...10 {
                #expect(try await run.proxy.request("/x").status == .ok)
                #expect(try await Self.eventually { run.counters.sent == copies })
            }
            #expect(run.shadow.log.requests.count == 10)
            #expect(run.shadow.log.connections == 1)
        }
    }

    @Test("a mirror removed while a copy is in flight: the copy finishes and its connection is closed, not kept")
    func removedWhileInFlight() async throws {
        try await Self.withMirror(shadow: UpstreamBehaviour(delayMilliseconds: 300)) { (run: MirrorRun) async throws in
            #expect(try await run.proxy.request("/x").status == .ok)
            #expect(try await Self.eventually { run.shadow.log.requests.count == 1 })
            var withoutMirror = ConfigBuilder()
            withoutMirror.add(
                .to("svc", port: run.primary.port), routes: [RouteSpec(name: "r", paths: ["/"], stripPath: false)])
            await run.proxy.publish(withoutMirror.build())
            #expect(try await Self.eventually { run.shadow.log.openConnections == 0 }, "the answered copy's connection stayed open")
            #expect(run.shadow.log.requests.count == 1)
        }
    }

    @Test("a copy the mirror does not answer within timeout_ms fails, counted, and frees its slot")
    func copyTimeout() async throws {
        try await Self.withMirror(shadow: UpstreamBehaviour(action: .hang), timeoutMs: 100) { (run: MirrorRun) async throws in
            for _ in 0..<3 { #expect(try await run.proxy.request("/x").status == .ok) }
            #expect(try await Self.eventually { run.counters.failed == 3 })
            #expect(run.counters.sent == 0)
        }
    }

    @Test("a copy queued past half its timeout is dropped instead of sent, so a slow mirror gets no doomed copies")
    func staleQueuedCopies() async throws {
        let limits = MirrorQueue<MirrorCopy>.Limits.standard
        try await Self.withMirror(shadow: UpstreamBehaviour(action: .hang), timeoutMs: 1000) { (run: MirrorRun) async throws in
            // Every slot hangs until its copy times out; the copies behind them wait in the queue.
            for _ in 0..<(limits.maxInFlight + 10) { #expect(try await run.proxy.request("/x").status == .ok) }
            #expect(try await Self.eventually { run.counters.failed == limits.maxInFlight })
            #expect(try await Self.eventually { run.counters.dropped == 10 })
            #expect(run.shadow.log.connections == limits.maxInFlight, "a stale copy reached the mirror")
        }
    }

    @Test("a mirror nobody listens on fails its copies, counted, and the primary is untouched")
    func deadMirror() async throws {
        let primary = try await TestUpstream.start(name: "primary")
        let closed = try closedLoopbackPort()
        let config = Self.gateway(primary: primary, mirror: try Self.mirror(to: primary, port: closed))
        try await ProxyHarness.run(config) { proxy async throws in
            for _ in 0..<3 { #expect(try await proxy.request("/x").status == .ok) }
            #expect(try await Self.eventually { Self.counters(proxy, config).failed == 3 })
            #expect(Self.counters(proxy, config).sent == 0)
        }
    }

    @Test("when the queue of a hanging mirror is full, further copies are dropped and counted; primaries all pass")
    func queueOverflow() async throws {
        let limits = MirrorQueue<MirrorCopy>.Limits.standard
        let requests = limits.maxInFlight + limits.maxQueued + 40
        try await Self.withMirror(shadow: UpstreamBehaviour(action: .hang), timeoutMs: 60_000) { (run: MirrorRun) async throws in
            let proxy = run.proxy
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var passed = 0
                        for _ in stride(from: worker, to: requests, by: 8) {
                            if try await proxy.request("/x").status == .ok { passed += 1 }
                        }
                        return passed
                    }
                }
                let passed = try await group.reduce(0, +)
                #expect(passed == requests)
            }
            let counters = run.counters
            #expect(counters.dropped == 40)
            #expect(counters.sent == 0 && counters.failed == 0)
        }
    }
}
