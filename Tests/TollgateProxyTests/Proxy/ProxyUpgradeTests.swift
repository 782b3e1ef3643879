import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

/// WebSocket (and other HTTP/1.1 upgrades) pass through as a byte tunnel.
@Suite("Proxy upgrades")
struct ProxyUpgradeTests {
    static let upgradeRequest =
        "GET /chat HTTP/1.1\r\nHost: chat.example\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"

    @Test("an upgrade reaches the upstream with its headers; after the 101 bytes flow both ways")
    func tunnel() async throws {
        let upstream = try await UpgradeEchoUpstream.start()
        try await Self.withTunnel(to: upstream) { connection in
            let head = try #require(upstream.requestHeads.first).lowercased()
            #expect(head.contains("\r\nupgrade: websocket"))
            #expect(head.contains("\r\nconnection: upgrade"))
            #expect(head.contains("\r\nsec-websocket-key: dghlihnhbxbszsbub25jzq=="))
            for message in ["one", "two", String(repeating: "x", count: 200_000)] {
                try await connection.send(message + "|")
                _ = try await connection.received(containing: message + "|", within: .seconds(10))
            }
        }
    }

    @Test("bytes the upstream sends in the same packet as its 101 reach the client")
    func greetingBehind101() async throws {
        let upstream = try await UpgradeEchoUpstream.start(greeting: true)
        try await Self.withTunnel(to: upstream) { connection in
            _ = try await connection.received(containing: "ready\n")
        }
    }

    /// Opens a tunnel through the proxy to `upstream`, checks the 101, runs `body`, closes.
    private static func withTunnel(
        to upstream: UpgradeEchoUpstream, _ body: (RawConnection) async throws -> Void
    ) async throws {
        var builder = ConfigBuilder()
        builder.add(.to("chat", port: upstream.port), routes: [RouteSpec(name: "ws", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(upgradeRequest)
            let response = try await connection.response(bodyless: true)
            #expect(response.status == 101)
            #expect(response.values("upgrade") == ["websocket"])
            #expect(response.values("connection").map { $0.lowercased() } == ["upgrade"])
            #expect(response.values("transfer-encoding").isEmpty)
            try await body(connection)
            await connection.close()
        }
    }

    @Test("closing the client side closes the upstream side, and the proxy keeps serving")
    func closePropagates() async throws {
        let upstream = try await UpgradeEchoUpstream.start()
        let plain = try await TestUpstream.start(name: "plain")
        var builder = ConfigBuilder()
        builder.add(.to("chat", port: upstream.port), routes: [RouteSpec(name: "ws", paths: ["/chat"])])
        builder.add(.to("plain", port: plain.port), routes: [RouteSpec(name: "p", paths: ["/plain"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            for _ in 0..<3 {
                let connection = try await proxy.rawConnection()
                try await connection.send(Self.upgradeRequest)
                #expect(try await connection.response(bodyless: true).status == 101)
                await connection.close()
            }
            #expect(try await proxy.request("/plain/x").status == .ok)
        }
    }

    @Test("an upstream that refuses the upgrade answers normally and the connection closes")
    func refused() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send(Self.upgradeRequest)
            let response = try await connection.response()
            #expect(response.status == 200)
            #expect(await connection.closed(within: .seconds(2)))
        }
    }

    @Test("a tunnel idle for longer than the service's read timeout is closed")
    func idleTimeout() async throws {
        let upstream = try await UpgradeEchoUpstream.start()
        var builder = ConfigBuilder()
        builder.add(.to("chat", port: upstream.port, readTimeoutMs: 300), routes: [RouteSpec(name: "ws", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(Self.upgradeRequest)
            #expect(try await connection.response(bodyless: true).status == 101)
            #expect(await connection.closed(within: .seconds(3)))
        }
    }
}
