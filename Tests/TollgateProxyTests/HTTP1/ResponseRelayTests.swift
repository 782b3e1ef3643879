import NIOCore
import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("Relaying upstream response heads as they came")
struct ResponseRelayTests {
    /// The head at the start of `text`, as the upstream parser reads it.
    static func head(_ text: String, method: HTTPMethod = .GET) throws -> UpstreamResponseHead {
        var parser = ResponseParser()
        parser.append(ByteBuffer(string: text))
        guard case .head(let head)? = try parser.next(requestMethod: method) else {
            Issue.record("no head in \(text.debugDescription)")
            throw HTTP1ParseError.malformed("no head")
        }
        return head
    }

    /// The head relayed with a `via` header added, edited by `edit`, then the body parts
    /// and the end, as the framer writes them.
    static func relayed(
        _ head: UpstreamResponseHead, body: [String] = [], answersHEAD: Bool = false,
        edit: (inout ResponseHeaders) -> Void = { _ in }
    ) -> String {
        var framer = ResponseFramer()
        var clientHead = ClientResponseHead(relaying: head, adding: [("via", "1.1 tollgate")])
        edit(&clientHead.headers)
        return ResponseFramerTests.bytes(&framer, clientHead, body: body, answersHEAD: answersHEAD)
    }

    @Test("hop-by-hop lines are left out wherever they are; the others keep their bytes, case, spacing and order")
    func hopByHopLinesOut() throws {
        let head = try Self.head(
            "HTTP/1.1 203 Non-Authoritative Information\r\nKeep-Alive: timeout=5\r\nX-First: 1\r\nConnection: keep-alive\r\n"
                + "x-MiXeD:  spaced \r\nProxy-Authenticate: Basic\r\nContent-Length: 2\r\nTE: trailers\r\n\r\nok")
        #expect(head.isRelayable)
        #expect(
            Self.relayed(head, body: ["ok"])
                == "HTTP/1.1 203 Non-Authoritative Information\r\nX-First: 1\r\nx-MiXeD:  spaced \r\nContent-Length: 2\r\n"
                + "via: 1.1 tollgate\r\n\r\nok")
        #expect(ReadPart.lines(head.headers) == [
            "Keep-Alive=timeout=5", "X-First=1", "Connection=keep-alive", "x-MiXeD=spaced", "Proxy-Authenticate=Basic",
            "Content-Length=2", "TE=trailers",
        ])
    }

    @Test("a body without a length is chunked for the client; a chunked one stays chunked; HEAD and 204 get no body")
    func framing() throws {
        #expect(
            Self.relayed(try Self.head("HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\n"), body: ["abc"])
                == "HTTP/1.1 200 OK\r\nX-A: 1\r\nvia: 1.1 tollgate\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(
            Self.relayed(try Self.head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), body: ["ab"])
                == "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nvia: 1.1 tollgate\r\n\r\n2\r\nab\r\n0\r\n\r\n")
        #expect(
            Self.relayed(try Self.head("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", method: .HEAD), answersHEAD: true)
                == "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nvia: 1.1 tollgate\r\n\r\n")
        #expect(
            Self.relayed(try Self.head("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n"))
                == "HTTP/1.1 204 No Content\r\nX-A: 1\r\nvia: 1.1 tollgate\r\n\r\n")
    }

    @Test("heads the proxy must rewrite are not relayable", arguments: [
        "HTTP/1.1 200 OK\nContent-Length: 0\n\n",  // bare line feeds
        "HTTP/1.1 200 OK\r\nConnection: close, X-Secret\r\nX-Secret: 1\r\nContent-Length: 0\r\n\r\n",  // Connection names a header
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",  // a coding besides chunked
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",  // two codings headers
        "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",  // both framings, no body
    ])
    func notRelayable(_ text: String) throws {
        #expect(!(try Self.head(text)).isRelayable)
    }

    @Test("more than 64 header lines: relayable while the hop-by-hop ones are among the first 64")
    func manyLines() throws {
        let filler = (0..<70).map { "X-\($0): v\r\n" }.joined()
        let early = try Self.head("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n" + filler + "Content-Length: 0\r\n\r\n")
        #expect(early.isRelayable)
        #expect(!Self.relayed(early).contains("Connection") && Self.relayed(early).contains("X-69: v\r\n"))
        #expect(!(try Self.head("HTTP/1.1 200 OK\r\n" + filler + "Connection: keep-alive\r\n\r\n")).isRelayable)
    }

    @Test("plugins read relayed values, and replacing or removing a header leaves its relayed lines out")
    func edits() throws {
        let head = try Self.head(
            "HTTP/1.1 200 OK\r\nX-Id: up\r\nConnection: keep-alive\r\nVary: Accept\r\nX-Gone: 1\r\nX-Old: a\r\n"
                + "Content-Length: 0\r\nx-gone: 2\r\n\r\n")
        let text = Self.relayed(head) { headers in
            #expect(headers.first(name: "x-id") == "up")
            #expect(headers["X-GONE"] == ["1", "2"])
            #expect(!headers.contains(name: "connection"), "hop-by-hop lines are not the client's")
            #expect(headers.hasContentLength && !headers.hasTransferCoding)
            headers.set(name: "X-Id", value: "gateway")
            headers.remove(name: "x-gone")
            headers.remove(name: "x-absent")
            headers.renameField("x-old", to: "X-New")
            headers.add(name: "Vary", value: "Origin")
            #expect(headers["vary"] == ["Accept", "Origin"])
            #expect(headers.first(name: "x-id") == "gateway" && !headers.contains(name: "x-gone"))
            #expect(headers.removed == ["X-Id", "x-gone", "x-old"], "only names the upstream sent are noted")
        }
        #expect(
            text == "HTTP/1.1 200 OK\r\nVary: Accept\r\nContent-Length: 0\r\nvia: 1.1 tollgate\r\nX-Id: gateway\r\n"
                + "X-New: a\r\nVary: Origin\r\n\r\n")
    }

    @Test("the end-to-end name filter holds every end-to-end name, in any case, and rules out others")
    func nameFilter() throws {
        let head = try Self.head(
            "HTTP/1.1 200 OK\r\nServer: s\r\nDate: d\r\nContent-Type: t\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
        for name in ["server", "DATE", "Content-type", "content-length"] {
            #expect(head.endToEndNames.mayContain(name.utf8), "\(name)")
        }
        #expect(!head.endToEndNames.mayContain("connection".utf8), "hop-by-hop lines are not end-to-end names")
        for name in ["vary", "Access-Control-Allow-Origin", "X-Correlation-ID"] {
            #expect(!head.endToEndNames.mayContain(name.utf8), "\(name)")
        }
    }

    @Test("a plugin that removes the relayed length gets the body chunked instead")
    func framingEdits() throws {
        let head = try Self.head("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(
            Self.relayed(head, body: ["ok"]) { $0.remove(name: "content-length") }
                == "HTTP/1.1 200 OK\r\nvia: 1.1 tollgate\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
    }

    @Test("keep-alive follows the version and the Connection options")
    func keepAlive() throws {
        #expect(try Self.head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").isKeepAlive)
        #expect(!(try Self.head("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n").isKeepAlive))
        #expect(!(try Self.head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").isKeepAlive))
        #expect(try Self.head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").isKeepAlive)
    }
}
