import NIOCore
import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("Client response framing")
struct ResponseFramerTests {
    /// The bytes of a whole response: head, each body part, end.
    static func bytes(
        _ framer: inout ResponseFramer, _ head: ClientResponseHead, body: [String] = [], trailers: HTTPHeaders? = nil,
        answersHEAD: Bool = false
    ) -> String {
        writes(&framer, head, body: body, trailers: trailers, answersHEAD: answersHEAD).joined()
    }

    /// Each write of a whole response, as the connection would make them up to its flush.
    static func writes(
        _ framer: inout ResponseFramer, _ head: ClientResponseHead, body: [String] = [], trailers: HTTPHeaders? = nil,
        answersHEAD: Bool = false
    ) -> [String] {
        let allocator = ByteBufferAllocator()
        var writes: [String] = []
        let write = { (bytes: ByteBuffer) in writes.append(String(buffer: bytes)) }
        framer.head(head, answersHEAD: answersHEAD, allocator: allocator, write: write)
        for part in body { framer.body(ByteBuffer(string: part), allocator: allocator, write: write) }
        framer.end(trailers, allocator: allocator, write: write)
        framer.release(to: write)
        return writes
    }

    static func head(_ status: HTTPResponseStatus, _ headers: [(String, String)], version: HTTPVersion = .http1_1)
        -> ClientResponseHead
    {
        ClientResponseHead(HTTPResponseHead(version: version, status: status, headers: HTTPHeaders(headers)))
    }

    @Test("a length is kept as is; without one, a 1.1 body is chunked and a 1.0 body runs to the close")
    func framing() {
        var framer = ResponseFramer()
        #expect(
            Self.bytes(&framer, Self.head(.ok, [("Content-Length", "5"), ("Transfer-Encoding", "chunked")]), body: ["hel", "lo"])
                == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        #expect(
            Self.bytes(&framer, Self.head(.ok, [("X-A", "1")]), body: ["abc", "", "0123456789abcdef"], trailers: ["X-T": "2"])
                == "HTTP/1.1 200 OK\r\nX-A: 1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 2\r\n\r\n")
        #expect(
            Self.bytes(&framer, Self.head(.ok, [("Transfer-Encoding", "gzip")]), body: ["zz"])
                == "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\n\r\n2\r\nzz\r\n0\r\n\r\n")
        #expect(
            Self.bytes(&framer, Self.head(.ok, [], version: .http1_0), body: ["raw"]) == "HTTP/1.0 200 OK\r\n\r\nraw")
    }

    @Test("no body bytes and no last chunk after 204, 304, 101 or a HEAD request; 100 Continue leaves the framing alone")
    func bodiless() {
        var framer = ResponseFramer()
        #expect(Self.bytes(&framer, Self.head(.ok, []), answersHEAD: true) == "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
        #expect(Self.bytes(&framer, Self.head(.noContent, []), body: ["x"]) == "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(Self.bytes(&framer, Self.head(.notModified, [("ETag", "\"a\"")])) == "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n")
        _ = Self.bytes(&framer, Self.head(.ok, []), body: ["chunked"])
        #expect(
            Self.bytes(&framer, Self.head(.switchingProtocols, [("Upgrade", "ws")]))
                == "HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\n\r\n")

        let allocator = ByteBufferAllocator()
        var writes: [String] = []
        let write = { (bytes: ByteBuffer) in writes.append(String(buffer: bytes)) }
        framer.head(Self.head(.ok, []), answersHEAD: false, allocator: allocator, write: write)
        framer.release(to: write)
        framer.head(Self.head(.continue, []), answersHEAD: false, allocator: allocator, write: write)
        framer.end(nil, allocator: allocator, write: write)
        framer.release(to: write)
        #expect(writes.dropFirst() == ["HTTP/1.1 100 Continue\r\n\r\n0\r\n\r\n"])
    }

    @Test("a body that arrives with its head and fits behind it leaves in the head's write; the rest follows in order")
    func coalescing() {
        var framer = ResponseFramer()
        let small = String(repeating: "s", count: 100)
        #expect(
            Self.writes(&framer, Self.head(.ok, [("Content-Length", "200")]), body: [small, small])
                == ["HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n" + small + small])

        let large = String(repeating: "L", count: 4096)
        #expect(
            Self.writes(&framer, Self.head(.ok, [("Content-Length", "4196")]), body: [small, large])
                == ["HTTP/1.1 200 OK\r\nContent-Length: 4196\r\n\r\n" + small, large])
        // Once a part went out on its own, later parts do not jump ahead of it into the head.
        #expect(
            Self.writes(&framer, Self.head(.ok, [("X-A", "1")]), body: [large, small])
                == [
                    "HTTP/1.1 200 OK\r\nX-A: 1\r\ntransfer-encoding: chunked\r\n\r\n1000\r\n", large, "\r\n",
                    "64\r\n", small, "\r\n", "0\r\n\r\n",
                ])

        // A head staged before another (100 Continue, then the final head) is written first.
        let allocator = ByteBufferAllocator()
        var writes: [String] = []
        let write = { (bytes: ByteBuffer) in writes.append(String(buffer: bytes)) }
        framer.head(Self.head(.continue, []), answersHEAD: false, allocator: allocator, write: write)
        framer.head(Self.head(.ok, [("Content-Length", "2")]), answersHEAD: false, allocator: allocator, write: write)
        framer.body(ByteBuffer(string: "ok"), allocator: allocator, write: write)
        framer.release(to: write)
        #expect(writes == ["HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])
    }
}
