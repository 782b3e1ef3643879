import Foundation
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `correlation-id` through real traffic, and the ids it generates.
@Suite("correlation-id plugin")
struct CorrelationIDPluginTests {
    /// A lowercase version 4 UUID.
    static func isUUIDv4(_ text: String?) -> Bool {
        guard let text, let uuid = UUID(uuidString: text), text == text.lowercased() else { return false }
        return uuid.uuid.6 >> 4 == 4 && uuid.uuid.8 >> 6 == 0b10
    }

    @Test("a request without an id gets a new UUID upstream, echoed to the client")
    func generated() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try PluginSpec.validated("correlation-id")], upstream: upstream) { proxy in
            let first = try await proxy.request("/")
            let sent = try first.report().values("x-request-id")
            #expect(sent.count == 1)
            #expect(Self.isUUIDv4(sent.first))
            #expect(first.headers["x-request-id"] == sent)

            let second = try await proxy.request("/", headers: [("X-Request-ID", "")])
            let secondID = try second.report().value("x-request-id")
            #expect(Self.isUUIDv4(secondID))
            #expect(secondID != sent.first)
        }
    }

    @Test("a request that carries an id keeps it, upstream and back")
    func kept() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try PluginSpec.validated("correlation-id")], upstream: upstream) { proxy in
            let response = try await proxy.request("/", headers: [("x-request-id", "client-123")])
            #expect(try response.report().values("x-request-id") == ["client-123"])
            #expect(response.headers["x-request-id"] == ["client-123"])
        }
    }

    @Test("a custom header name, and no echo when echo_downstream is false")
    func customHeaderWithoutEcho() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "correlation-id", config: ["header_name": "X-Trace", "echo_downstream": false])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(Self.isUUIDv4(try response.report().value("x-trace")))
            #expect(try response.report().value("x-request-id") == nil)
            #expect(response.headers["x-trace"].isEmpty)
        }
    }

    @Test("the gateway's own answers echo the id too")
    func localAnswers() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugins = [
            try PluginSpec.validated("correlation-id"),
            try PluginSpec.validated("ip-restriction", config: ["deny": ["127.0.0.1"]]),
        ]
        try await SingleRouteGateway.run(plugins, upstream: upstream) { proxy in
            let response = try await proxy.request("/", headers: [("X-Request-ID", "abc")])
            #expect(response.status == .forbidden)
            #expect(response.headers["x-request-id"] == ["abc"])
        }
    }

    @Test("generated ids are version 4 UUIDs in lowercase and do not repeat")
    func generatedIDs() {
        let ids = (0..<2000).map { _ in RequestID.uuid() }
        #expect(ids.allSatisfy { Self.isUUIDv4($0) })
        #expect(Set(ids).count == ids.count)
    }
}
