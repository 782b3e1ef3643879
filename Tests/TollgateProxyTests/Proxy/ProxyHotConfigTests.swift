import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

/// Publishing a new snapshot while traffic flows.
@Suite("Proxy hot configuration")
struct ProxyHotConfigTests {
    @Test("in-flight requests finish on their snapshot; new requests use the new one")
    func inFlightKeepsSnapshot() async throws {
        let old = try await TestUpstream.start(name: "old", behaviour: UpstreamBehaviour(delayMilliseconds: 300))
        let new = try await TestUpstream.start(name: "new")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: old.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            async let inFlight = proxy.request("/slow")
            for _ in 0..<200 where old.log.requests.isEmpty {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(old.log.requests.count == 1, "the request reached the old upstream")
            builder.replace(service: "svc", with: .to("svc", port: new.port))
            await proxy.publish(builder.build())

            var switched = false
            for _ in 0..<100 where !switched {
                switched = try await proxy.request("/fresh").upstream == "new"
            }
            #expect(switched)
            let finished = try await inFlight
            #expect(finished.status == .ok)
            #expect(finished.upstream == "old")
        }
    }

    @Test("250 publishes under a bounded concurrent load lose no request")
    func publishesUnderLoad() async throws {
        let a = try await TestUpstream.start(name: "a")
        let b = try await TestUpstream.start(name: "b")
        var builder = ConfigBuilder()
        builder.add(
            UpstreamSpec(name: "pool"), targets: [TargetSpec(target: a.address), TargetSpec(target: b.address)])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "api", paths: ["/api"])])
        let first = builder.build()
        var alternate = builder
        alternate.add(.to("other", port: b.port), routes: [RouteSpec(name: "other", paths: ["/other"])])
        let configs = (0..<250).map { index in index % 2 == 0 ? alternate.build() : builder.build() }

        try await ProxyHarness.run(first) { proxy in
            let published = StopFlag()
            let outcomes = try await withThrowingTaskGroup(of: (ok: Int, failed: [String]).self) { group in
                for worker in 0..<12 {
                    group.addTask {
                        var ok = 0
                        var failed: [String] = []
                        var sent = 0
                        while sent < 40 || (!published.isRaised && sent < 2_000) {
                            sent += 1
                            do {
                                let response = try await proxy.request("/api/\(worker)/\(sent)")
                                if response.status == .ok { ok += 1 } else { failed.append("\(response.status)") }
                            } catch {
                                failed.append("\(error)")
                            }
                        }
                        return (ok, failed)
                    }
                }
                for config in configs {
                    await proxy.publish(config)
                    try await Task.sleep(for: .milliseconds(2))
                }
                published.raise()
                var outcomes: [(ok: Int, failed: [String])] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let failures = outcomes.flatMap(\.failed)
            #expect(failures.isEmpty, "\(failures.count) failed: \(failures.prefix(5))")
            #expect(outcomes.map(\.ok).reduce(0, +) >= 12 * 40)
        }
    }
}
