import NIOCore
import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("Client request parser")
struct RequestParserTests {
    /// Parses `text` fed `step` bytes at a time; stops at the first error.
    static func parse(_ text: String, step: Int) throws -> [ReadPart] {
        var parser = RequestParser()
        return try readInSteps(text, step: step, append: { parser.append($0) }) {
            switch try parser.next() {
            case .head(let request)?:
                .head(
                    "\(request.head.method.rawValue) \(request.head.uri) HTTP/\(request.head.version.major).\(request.head.version.minor)",
                    ReadPart.lines(request.head.headers))
            case .body(let body)?: .body(String(buffer: body))
            case .end(let trailers)?: .ended(with: trailers)
            case nil: nil
            }
        }
    }

    static func parts(_ text: String) throws -> [ReadPart] {
        try readAnySplit(text, read: parse)
    }

    /// The first head read from `text`.
    static func request(_ text: String) throws -> ClientRequestHead? {
        var parser = RequestParser()
        parser.append(ByteBuffer(string: text))
        guard case .head(let request)? = try parser.next() else { return nil }
        return request
    }

    @Test("keep-alive: HTTP/1.1 unless Connection says close, HTTP/1.0 only when it says keep-alive, never with Upgrade")
    func keepAlive() throws {
        func keepAlive(_ connection: [String], _ version: String, upgrade: Bool = false) throws -> Bool? {
            let lines = connection.map { "Connection: \($0)\r\n" }.joined() + (upgrade ? "Upgrade: h2c\r\n" : "")
            return try Self.request("GET / HTTP/\(version)\r\n\(lines)X-A: close\r\n\r\n")?.isKeepAlive
        }
        #expect(try keepAlive([], "1.1") == true)
        #expect(try keepAlive(["Keep-Alive, CLOSE"], "1.1") == false)
        #expect(try keepAlive(["upgrade", " close "], "1.1") == false)
        #expect(try keepAlive(["closed"], "1.1") == true)
        #expect(try keepAlive([], "1.0") == false)
        #expect(try keepAlive(["keep-alive"], "1.0") == true)
        #expect(try keepAlive(["keep-alive", "close"], "1.0") == false)
        #expect(try keepAlive([], "1.1", upgrade: true) == false)
    }

    @Test("the head tells whether a body follows and which protocols the request asks to switch to")
    func requestFacts() throws {
        #expect(try Self.request("POST / HTTP/1.1\r\nContent-Length: 00\r\n\r\n")?.hasBody == false)
        #expect(try Self.request("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")?.hasBody == true)
        #expect(try Self.request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")?.hasBody == true)
        #expect(try Self.request("GET / HTTP/1.1\r\n\r\n")?.hasBody == false)
        let upgrade = try Self.request("GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nUpgrade: h2c\r\n\r\n")
        #expect(upgrade?.upgrade == "websocket, h2c")
        #expect(try Self.request("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")?.upgrade == nil, "Connection does not name it")
        #expect(try Self.request("GET / HTTP/1.1\r\nConnection: upgrade\r\n\r\n")?.upgrade == nil, "no Upgrade header")
    }

    @Test("methods: the common ones and any other token, case-sensitive")
    func methods() throws {
        for name in ["GET", "PUT", "POST", "HEAD", "PATCH", "DELETE", "OPTIONS", "PURGE", "get", "GETS", "M-SEARCH"] {
            var parser = RequestParser()
            parser.append(ByteBuffer(string: "\(name) / HTTP/1.1\r\nHost: h\r\n\r\n"))
            guard case .head(let request)? = try parser.next() else {
                Issue.record("no head for \(name)")
                continue
            }
            #expect(request.head.method == HTTPMethod(rawValue: name), "\(name)")
            #expect(request.head.method.rawValue == name)
        }
    }

    @Test("pipelined requests with a length, chunks and trailers, and none; empty lines between requests are skipped")
    func pipelined() throws {
        let text =
            "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc\r\n"
            + "PUT /b HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n2;e=1\r\nhi\r\n0\r\nX-T: 1\r\n\r\n"
            + "GET / HTTP/1.0\nX-Lf: 1\n\n"
        #expect(
            try Self.parts(text) == [
                .head("POST /a?x=1 HTTP/1.1", ["Host=h", "Content-Length=3"]), .body("abc"), .end(nil),
                .head("PUT /b HTTP/1.1", ["Transfer-Encoding=Chunked"]), .body("hi"), .end(["X-T=1"]),
                .head("GET / HTTP/1.0", ["X-Lf=1"]), .end(nil),
            ])
    }

    @Test("after a request that asks to switch protocols (or CONNECT), what follows is not parsed as HTTP")
    func stopsAfterUpgrade() throws {
        #expect(
            try Self.parts("GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\nGET /no HTTP/1.1\r\n\r\n")
                == [.head("GET /ws HTTP/1.1", ["Connection=keep-alive, Upgrade", "Upgrade=websocket"]), .end(nil)])
        #expect(try Self.parts("CONNECT h:443 HTTP/1.1\r\n\r\nGET /no HTTP/1.1\r\n\r\n") == [.head("CONNECT h:443 HTTP/1.1", []), .end(nil)])
    }

    @Test("requests that cannot be read safely are refused", arguments: [
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: 1\r\n\tfolded\r\n\r\n",
        "GET / HTTP/1.1\r\nX A: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: a\u{0}b\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n",
        "GET /\u{7F} HTTP/1.1\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n",
        "GET /\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n",
    ])
    func refused(request: String) {
        #expect(throws: HTTP1ParseError.self) { _ = try Self.parse(request, step: request.utf8.count) }
    }

    @Test("a head or trailers over the limit are 431 and an overlong target 414, also before either is complete")
    func limits() {
        let filler = "X-F: " + String(repeating: "a", count: 1000) + "\r\n"
        let large = "GET / HTTP/1.1\r\n" + String(repeating: filler, count: 40)
        #expect(throws: HTTP1ParseError.headTooLarge) { _ = try Self.parse(large, step: 4096) }
        #expect(throws: HTTP1ParseError.headTooLarge) { _ = try Self.parse(large + "\r\n", step: large.utf8.count + 2) }
        let trailers = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + String(repeating: filler, count: 40)
        #expect(throws: HTTP1ParseError.headTooLarge) { _ = try Self.parse(trailers, step: 4096) }
        let long = "GET /" + String(repeating: "a", count: ProxyLimits.maxRequestTargetBytes + 100)
        #expect(throws: HTTP1ParseError.targetTooLong) { _ = try Self.parse(long, step: 4096) }
        let complete = long + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(throws: HTTP1ParseError.targetTooLong) { _ = try Self.parse(complete, step: complete.utf8.count) }
    }
}
