import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `request-size-limiting` through real traffic: refusals before the body is read
/// (Content-Length), while it streams (chunked), and the units.
@Suite("request-size-limiting plugin")
struct RequestSizeLimitingPluginTests {
    static func plugin(_ config: JSONValue) throws -> PluginSpec {
        try PluginSpec.validated("request-size-limiting", config: config)
    }

    /// A chunked request of `size` bytes in chunks of 16, as raw HTTP.
    static func chunked(size: Int, extraHeaders: String = "") -> String {
        var text = "POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\(extraHeaders)\r\n"
        var left = size
        while left > 0 {
            let chunk = min(16, left)
            text += String(chunk, radix: 16) + "\r\n" + String(repeating: "x", count: chunk) + "\r\n"
            left -= chunk
        }
        return text + "0\r\n\r\n"
    }

    @Test("a Content-Length over the limit is refused with 413 and the upstream never sees the request")
    func contentLengthOverLimit() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let limit = try Self.plugin(["allowed_payload_size": 10, "size_unit": "bytes"])
        try await SingleRouteGateway.run([limit], upstream: upstream) { proxy in
            let fits = try await proxy.request("/", method: .POST, body: ByteBuffer(repeating: 1, count: 10))
            #expect(fits.status == .ok)
            #expect(try fits.report().bodyLength == 10)
            let over = try await proxy.request("/", method: .POST, body: ByteBuffer(repeating: 1, count: 11))
            #expect(over.status == .payloadTooLarge)
            #expect(try over.problem().detail == "the request body exceeds the allowed 10 bytes")
            #expect(upstream.log.requests.count == 1)
            #expect(try await proxy.request("/").status == .ok)
        }
    }

    @Test(
        "sizes are binary multiples of their unit; the default is 128 megabytes",
        arguments: [
            (["allowed_payload_size": 1, "size_unit": "kilobytes"], 1024),
            (["allowed_payload_size": 2, "size_unit": "megabytes"], 2 << 20),
            ([:], 128 << 20),
        ] as [(JSONValue, Int)])
    func units(config: JSONValue, bytes: Int) throws {
        let stored = try StoredPluginConfig(Self.plugin(config).config, plugin: "request-size-limiting")
        #expect(try RequestSizeLimitingPlugin(stored).limit == bytes)
    }

    @Test("kilobytes through traffic: 1024 bytes pass, 1025 do not")
    func kilobytes() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let limit = try Self.plugin(["allowed_payload_size": 1, "size_unit": "kilobytes"])
        try await SingleRouteGateway.run([limit], upstream: upstream) { proxy in
            let fits = try await proxy.request("/", method: .POST, body: ByteBuffer(repeating: 1, count: 1024))
            #expect(fits.status == .ok)
            let over = try await proxy.request("/", method: .POST, body: ByteBuffer(repeating: 1, count: 1025))
            #expect(over.status == .payloadTooLarge)
        }
    }

    @Test("a chunked body is cut off with 413 once it crosses the limit; one within it is forwarded whole")
    func chunkedBodies() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let limit = try Self.plugin(["allowed_payload_size": 40, "size_unit": "bytes"])
        try await SingleRouteGateway.run([limit], upstream: upstream) { proxy in
            let small = try await proxy.rawConnection()
            try await small.send(Self.chunked(size: 40))
            let fits = try await small.response()
            #expect(fits.status == 200)
            #expect(try UpstreamReport.decode(fits.body).bodyLength == 40)
            await small.close()

            let large = try await proxy.rawConnection()
            try await large.send(Self.chunked(size: 100))
            let over = try await large.response()
            #expect(over.status == 413)
            #expect(over.bodyText.contains("exceeds the allowed 40 bytes"))
            await large.close()
        }
    }

    @Test("a client waiting for 100 Continue with a length over the limit gets 417 before sending the body")
    func expectContinue() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let limit = try Self.plugin(["allowed_payload_size": 10, "size_unit": "bytes"])
        try await SingleRouteGateway.run([limit], upstream: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 417)
            #expect(upstream.log.requests.isEmpty)
            await connection.close()
        }
    }

    @Test("require_content_length refuses chunked bodies with 411 and lets measured ones and bodiless requests through")
    func requireContentLength() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let limit = try Self.plugin(["require_content_length": true])
        try await SingleRouteGateway.run([limit], upstream: upstream) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(Self.chunked(size: 20))
            let refused = try await connection.response()
            #expect(refused.status == 411)
            #expect(refused.bodyText.contains("Content-Length header is required"))
            await connection.close()
            #expect(try await proxy.request("/", method: .POST, body: ByteBuffer(string: "measured")).status == .ok)
            #expect(try await proxy.request("/").status == .ok)
        }
    }
}
