import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// Admin changes reach the running proxy while it carries traffic, without losing a request.
@Suite("hot configuration")
struct HotConfigurationTests {
    @Test("1,000 admin changes during a bounded load lose no request, and new routes become routable")
    func changesUnderLoad() async throws {
        let dataDirectory = temporaryDataDirectory()
        let gateway = try GatewayProcess(serveArguments(dataDirectory))
        let admin = AdminClient(baseURL: try await gateway.adminBaseURL(), token: try await mintToken(dataDirectory))
        let proxy = try await gateway.proxyBaseURL()
        // The gateway's own public /health is the upstream: no other server is needed.
        let backend = admin.baseURL + "/health"
        #expect(try await admin.send(.POST, "/services", json: #"{"name": "backend", "url": "\#(backend)"}"#).status == 201)
        #expect(
            try await admin.send(.POST, "/services/backend/routes", json: #"{"name": "main", "paths": ["/main"]}"#).status
                == 201)
        try await waitUntilRoutable(proxy + "/main")

        let load = LoadTally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { await load.run(url: proxy + "/main") }
            }
            for change in 0..<1_000 {
                let status = try await applyChange(change, admin: admin, backend: backend)
                #expect(status == 200 || status == 201, "change \(change) answered \(status)")
            }
            load.stop()
            try await group.waitForAll()
        }
        #expect(load.counts.requests > 100)
        #expect(load.counts.failures == [], "every request during the changes succeeded")

        // Routes created under load are routable too.
        for index in 0..<5 {
            try await waitUntilRoutable(proxy + "/churn-\(index)")
        }
        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }

    /// One admin change: new services and routes, their updates, and updates of the
    /// service under load (same destination, other settings).
    private func applyChange(_ change: Int, admin: AdminClient, backend: String) async throws -> Int {
        let index = (change / 4) % 50
        switch change % 4 {
        case 0:
            return try await admin.send(.POST, "/services", json: #"{"name": "churn-\#(index)", "url": "\#(backend)", "retries": \#(change % 7)}"#).status
        case 1:
            let route = #"{"name": "churn-\#(index)", "paths": ["/churn-\#(index)"], "tags": ["t\#(change)"]}"#
            return try await admin.send(.POST, "/services/churn-\(index)/routes", json: route).status
        case 2:
            return try await admin.send(.POST, "/services", json: #"{"name": "backend", "url": "\#(backend)", "read_timeout_ms": \#(60_000 + change)}"#).status
        default:
            let route = #"{"name": "main", "paths": ["/main"], "tags": ["t\#(change)"]}"#
            return try await admin.send(.POST, "/services/backend/routes", json: route).status
        }
    }

    /// Polls `url` until it answers 200 (bounded).
    private func waitUntilRoutable(_ url: String) async throws {
        for _ in 0..<500 {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(url) never became routable")
    }
}

/// Counts what a bounded request loop got.
private final class LoadTally: Sendable {
    struct Counts {
        var requests = 0
        var failures: [String] = []
    }

    private let state = Mutex(Counts())
    private let stopped = Atomic<Bool>(false)

    var counts: Counts { state.withLock { $0 } }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    /// Sends requests one after another until stopped (at most 100,000).
    func run(url: String) async {
        for _ in 0..<100_000 where !stopped.load(ordering: .acquiring) {
            var failure: String?
            do {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                if response.status != .ok { failure = "status \(response.status.code)" }
            } catch {
                failure = "\(error)"
            }
            state.withLock { counts in
                counts.requests += 1
                if let failure, counts.failures.count < 20 { counts.failures.append(failure) }
            }
        }
    }
}
