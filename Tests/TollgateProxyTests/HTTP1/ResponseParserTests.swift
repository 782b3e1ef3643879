import NIOCore
import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("Upstream response parser")
struct ResponseParserTests {
    /// Parses `text` fed `step` bytes at a time, as the answer to a `method` request.
    static func parse(_ text: String, step: Int, method: HTTPMethod = .GET) throws -> [ReadPart] {
        var parser = ResponseParser()
        return try readInSteps(text, step: step, append: { parser.append($0) }) {
            switch try parser.next(requestMethod: method) {
            case .head(let head)?: .head(String(head.status.code), ReadPart.lines(head.headers))
            case .body(let body)?: .body(String(buffer: body))
            case .end(let trailers)?: .ended(with: trailers)
            case nil: nil
            }
        }
    }

    static func parts(_ text: String, method: HTTPMethod = .GET) throws -> [ReadPart] {
        try readAnySplit(text) { text, step in try parse(text, step: step, method: method) }
    }

    @Test("Content-Length bodies, back to back on one connection, with whitespace around values")
    func contentLength() throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Length:  5 \r\nX-A:b\r\n\r\nhello"
        #expect(
            try Self.parts(response + response) == [
                .head("200", ["Content-Length=5", "X-A=b"]), .body("hello"), .end(nil),
                .head("200", ["Content-Length=5", "X-A=b"]), .body("hello"), .end(nil),
            ])
    }

    @Test("chunked bodies with extensions, upper-case sizes and trailers; bare LF line ends")
    func chunked() throws {
        let response =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n 123456789\r\n0\r\nX-T: 1\r\n\r\n"
        #expect(
            try Self.parts(response) == [
                .head("200", ["Transfer-Encoding=gzip, chunked"]), .body("hello 123456789"), .end(["X-T=1"]),
            ])
        #expect(
            try Self.parts("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n") == [
                .head("200", ["Transfer-Encoding=chunked"]), .body("ok"), .end(nil),
            ])
    }

    @Test("no body after 204, 304, a HEAD request or Content-Length 0; interim answers come before the final one")
    func bodiless() throws {
        #expect(try Self.parts("HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n") == [.head("204", ["Content-Length=9"]), .end(nil)])
        #expect(try Self.parts("HTTP/1.1 304 Not Modified\r\n\r\n") == [.head("304", []), .end(nil)])
        #expect(try Self.parts("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", method: .HEAD) == [.head("200", ["Content-Length=9"]), .end(nil)])
        #expect(try Self.parts("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") == [.head("200", ["Content-Length=0"]), .end(nil)])
        #expect(
            try Self.parts("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") == [
                .head("100", []), .head("200", ["Content-Length=2"]), .body("ok"), .end(nil),
            ])
    }

    @Test("without a length the body runs until the close; after a 101 every byte is passed on")
    func untilCloseAndTunnel() throws {
        var parser = ResponseParser()
        parser.append(ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\nsome"))
        guard case .head = try parser.next(requestMethod: .GET), case .body = try parser.next(requestMethod: .GET) else {
            Issue.record("expected a head and a body")
            return
        }
        #expect(parser.endsAtClose)
        #expect(try Self.parts("HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\n\r\n\u{1}frame") == [
            .head("101", ["Upgrade=ws"]), .body("\u{1}frame"),
        ])
    }

    @Test("responses that cannot be framed safely are refused", arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\u{1}b\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
    ])
    func refused(response: String) {
        #expect(throws: HTTP1ParseError.self) { _ = try Self.parse(response, step: response.utf8.count) }
    }

    @Test("a first line that is not an HTTP/1.x status line is refused before the head is complete")
    func notHTTP() {
        #expect(throws: HTTP1ParseError.self) { _ = try Self.parse("SSH-2.0-OpenSSH_9.6\r\n", step: 64) }
    }

    @Test("a head larger than the limit is refused before it is complete")
    func headTooLarge() {
        let huge = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: ResponseParser.maxHeadBytes)
        #expect(throws: HTTP1ParseError.headTooLarge) { _ = try Self.parse(huge, step: 4096) }
    }
}
