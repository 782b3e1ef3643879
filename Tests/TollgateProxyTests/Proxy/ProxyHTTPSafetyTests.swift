import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

/// Malformed, oversized and slow requests are refused before they reach an upstream.
@Suite("Proxy HTTP safety")
struct ProxyHTTPSafetyTests {
    static let smugglingAttempts: [(name: String, request: String)] = [
        (
            "Content-Length with Transfer-Encoding",
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX"
        ),
        (
            "two different Content-Lengths",
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\nabc"
        ),
        ("obsolete line folding", "GET /a HTTP/1.1\r\nHost: h\r\nX-Folded: one\r\n two\r\n\r\n"),
        ("invalid header name", "GET /a HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n"),
        ("control character in a header value", "GET /a HTTP/1.1\r\nHost: h\r\nX-Value: a\u{01}b\r\n\r\n"),
        (
            "Transfer-Encoding not ending in chunked",
            "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\nabc"
        ),
    ]

    @Test("request smuggling attempts get 400 and never reach the upstream", arguments: smugglingAttempts)
    func smuggling(attempt: (name: String, request: String)) async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send(attempt.request + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 400, "\(attempt.name)")
            #expect(response.value("content-type") == "application/problem+json")
            #expect(await connection.closed(within: .seconds(2)))
            #expect(upstream.log.requests.isEmpty, "\(attempt.name) reached the upstream")
            #expect(upstream.log.connections == 0)
        }
    }

    @Test("a header named in Connection cannot remove the request's framing")
    func connectionCannotDropFraming() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let smuggled = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n"
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "GET /a HTTP/1.1\r\nHost: h\r\nConnection: content-length, transfer-encoding\r\n"
                    + "Content-Length: \(smuggled.utf8.count)\r\n\r\n\(smuggled)")
            let response = try await connection.response()
            #expect(response.status == 200)
            #expect(upstream.log.requests.map(\.uri) == ["/a"])
            #expect(upstream.log.requests.first?.bodyLength == smuggled.utf8.count)
            await connection.close()
        }
    }

    @Test("a header block over 32 KiB gets 431")
    func headerBlockTooLarge() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let filler = String(repeating: "v", count: 1000)
            let headers = (0..<34).map { "X-Filler-\($0): \(filler)\r\n" }.joined()
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /a HTTP/1.1\r\nHost: h\r\n\(headers)\r\n")
            let response = try await connection.response()
            #expect(response.status == 431)
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("a request target over 8 KiB gets 414")
    func requestTargetTooLong() async throws {
        try await ProxyHarness.withOneService { proxy, upstream in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 414)
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("a client trickling its header bytes is disconnected after the header timeout")
    func slowloris() async throws {
        try await ProxyHarness.withOneService(headerTimeout: .seconds(1)) { proxy, upstream in
            let started = ContinuousClock.now
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /a HTTP/1.1\r\nHost: h\r\n")
            var closed = false
            for line in 0..<20 where !closed {
                try? await connection.send("X-Slow-\(line): 1\r\n")
                closed = await connection.closed(within: .milliseconds(200))
            }
            #expect(closed)
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(3), "closed after \(elapsed)")
            #expect(upstream.log.requests.isEmpty)

            let idle = try await proxy.rawConnection()
            #expect(await idle.closed(within: .seconds(3)), "an idle connection is closed too")
            let afterwards = try await proxy.request("/ok")
            #expect(afterwards.status == .ok)
        }
    }

    @Test("a request body that stops arriving gets 408 and the connection closes; a slow but steady one does not")
    func stalledBody() async throws {
        try await ProxyHarness.withOneService(headerTimeout: .milliseconds(400)) { proxy, upstream in
            let stalled = try await proxy.rawConnection()
            try await stalled.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789")
            let response = try await stalled.response(within: .seconds(5))
            #expect(response.status == 408)
            #expect(await stalled.closed(within: .seconds(2)))

            let steady = try await proxy.rawConnection()
            try await steady.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n")
            for digit in 0..<10 {
                try await Task.sleep(for: .milliseconds(150))
                try await steady.send(String(digit))
            }
            let answered = try await steady.response(within: .seconds(5))
            #expect(answered.status == 200)
            #expect(upstream.log.requests.last?.bodyLength == 10)
        }
    }
}
