import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// How the proxy reads upstream responses whose framing is unusual or unsafe.
@Suite("Proxy upstream response framing")
struct ProxyUpstreamFramingTests {
    /// Runs `body` with a proxy whose one route (`/`) goes to `upstream`, without retries.
    private func withProxy(to upstream: CannedUpstream, _ body: (ProxyHarness) async throws -> Void) async throws {
        var builder = ConfigBuilder()
        builder.add(.to("canned", port: upstream.port, retries: 0), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build(), body)
    }

    @Test("a response with both Content-Length and Transfer-Encoding is a 502; its connection is not reused")
    func conflictingFraming() async throws {
        let upstream = try await CannedUpstream.start(
            answer: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        try await withProxy(to: upstream) { proxy in
            for attempt in 1...2 {
                let response = try await proxy.request("/")
                #expect(response.status == .badGateway)
                #expect(upstream.connections == attempt)
            }
        }
    }

    @Test("bytes beyond the response are not taken for the next one: that connection closes")
    func bytesBeyondTheResponse() async throws {
        let answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let upstream = try await CannedUpstream.start(answer: answer + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil")
        try await withProxy(to: upstream) { proxy in
            for attempt in 1...2 {
                let response = try await proxy.request("/")
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok")
                #expect(upstream.connections == attempt)
            }
        }
    }

    @Test("a body without a length ends with the upstream's close and reaches the client whole")
    func closeDelimited() async throws {
        let upstream = try await CannedUpstream.start(
            answer: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", closeAfter: true)
        try await withProxy(to: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "until the end")
        }
    }

    @Test("an interim response reaches the client without its hop-by-hop headers, then the final one")
    func interimWithoutHopByHop() async throws {
        let upstream = try await CannedUpstream.start(
            answer: "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nConnection: X-Hop\r\nX-Hop: 1\r\n"
                + "Keep-Alive: timeout=5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        try await withProxy(to: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            let text = try await connection.received(containing: "\r\n\r\nok")
            let interim = try #require(text.components(separatedBy: "\r\n\r\n").first)
            #expect(interim.hasPrefix("HTTP/1.1 103 "))
            #expect(interim.lowercased().contains("\r\nlink: </style.css>; rel=preload"))
            for hopByHop in ["connection:", "x-hop:", "keep-alive:"] {
                #expect(!interim.lowercased().contains(hopByHop), "\(hopByHop) crossed the proxy")
            }
            #expect(text.contains("HTTP/1.1 200 OK\r\n"))
            await connection.close()
        }
    }

    @Test("a chunked response with trailers is relayed chunk by chunk, trailers included")
    func chunkedWithTrailers() async throws {
        let upstream = try await CannedUpstream.start(
            answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n")
        try await withProxy(to: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            let text = try await connection.received(containing: "X-Sum: 5\r\n\r\n")
            #expect(text.contains("transfer-encoding: chunked\r\n") || text.contains("Transfer-Encoding: chunked\r\n"))
            #expect(text.contains("3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"))
            await connection.close()
            #expect(upstream.connections == 1)
        }
    }

    /// Upstream heads and what the client gets: a relayable head keeps its lines' bytes (the
    /// value's spacing too); one with bare line feeds is rebuilt with CRLF and trimmed values.
    static let clientHeads: [(upstream: String, client: String)] = [
        (
            "HTTP/1.1 200 OK\r\nX-First: 1\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nx-MiXeD:  spaced \r\n"
                + "Content-Length: 2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nX-First: 1\r\nx-MiXeD:  spaced \r\nContent-Length: 2\r\nvia: 1.1 tollgate\r\n\r\nok"
        ),
        (
            "HTTP/1.1 200 OK\nX-First: 1\nKeep-Alive: timeout=5\nx-MiXeD:  spaced \nContent-Length: 2\n\nok",
            "HTTP/1.1 200 OK\r\nX-First: 1\r\nx-MiXeD: spaced\r\nContent-Length: 2\r\nvia: 1.1 tollgate\r\n\r\nok"
        ),
    ]

    @Test("the client gets the upstream's head with the hop-by-hop lines out and Via in", arguments: clientHeads)
    func clientHead(_ head: (upstream: String, client: String)) async throws {
        let upstream = try await CannedUpstream.start(answer: head.upstream)
        try await withProxy(to: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try await connection.received(containing: "\r\n\r\nok") == head.client)
            await connection.close()
        }
    }

    @Test("a chunked answer to HEAD reaches the client without a last chunk, so the connection's next answer is intact")
    func chunkedAnswerToHEAD() async throws {
        let upstream = try await CannedUpstream.start(answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        try await withProxy(to: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\nHEAD / HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = try await connection.received(containing: "tollgate\r\n\r\nHTTP/1.1 200 OK")
            try await Task.sleep(for: .milliseconds(100))
            let text = try await connection.received(containing: "")
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(text.hasSuffix("tollgate\r\n\r\n") && !text.contains("0\r\n\r\n"), "a last chunk followed a HEAD answer")
            await connection.close()
        }
    }
}
