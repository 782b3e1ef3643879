import AsyncHTTPClient
import NIOCore
import ServiceLifecycle
import Testing
import TollgateCore

/// A graceful shutdown stops accepting, lets requests in progress finish, then closes.
@Suite("Proxy shutdown")
struct ProxyShutdownTests {
    @Test("requests in progress finish with their response; idle connections close; nothing new is accepted")
    func drains() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let idle = try await proxy.rawConnection()
            let busy = try await proxy.rawConnection()
            try await busy.send("GET /slow HTTP/1.1\r\nHost: h\r\nX-Test-Delay-Ms: 600\r\n\r\n")
            try await Task.sleep(for: .milliseconds(150))

            await proxy.services.triggerGracefulShutdown()
            #expect(await idle.closed(within: .seconds(2)), "an idle keep-alive connection is closed at once")
            let response = try await busy.response(within: .seconds(5))
            #expect(response.status == 200)
            #expect(response.values("connection").map { $0.lowercased() } == ["close"])
            #expect(await busy.closed(within: .seconds(2)))
            await #expect(throws: (any Error).self) { _ = try await RawConnection.connect(port: proxy.port) }
        }
    }
}
