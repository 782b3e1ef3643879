import NIOCore
import Testing

@testable import TollgateProxy

/// Reading probe answers byte by byte or all at once: status, end of the answer, keep-alive.
@Suite("Probe response parser")
struct HealthProbeParsingTests {
    /// What reading `answer` in pieces of `pieceSize` bytes found.
    private struct Reading: Equatable {
        var statuses: [Int] = []
        var ended = false
        var keepAlive = true
    }

    private static func read(_ answer: String, pieceSize: Int) throws -> Reading {
        var parser = ProbeResponseParser()
        var reading = Reading()
        let bytes = Array(answer.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            let progress = try parser.read(ByteBuffer(bytes: bytes[start..<end]))
            if let status = progress.status { reading.statuses.append(status) }
            if progress.ended { reading.ended = true }
            start = end
        }
        reading.keepAlive = parser.keepAlive
        return reading
    }

    private static let pieceSizes = [1, 3, 7, 4096]

    @Test("a Content-Length answer ends after its body and keeps the connection", arguments: pieceSizes)
    func contentLength(pieceSize: Int) throws {
        let answer = "HTTP/1.1 200 OK\r\nServer: x\r\ncontent-LENGTH: 5\r\n\r\nhello"
        #expect(try Self.read(answer, pieceSize: pieceSize) == Reading(statuses: [200], ended: true, keepAlive: true))
        let partial = "HTTP/1.1 503 Busy\r\nContent-Length: 10\r\n\r\nhello"
        #expect(try Self.read(partial, pieceSize: pieceSize) == Reading(statuses: [503], ended: false, keepAlive: true))
    }

    @Test("a chunked answer ends after its last chunk and trailers", arguments: pieceSizes)
    func chunked(pieceSize: Int) throws {
        let answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n"
        #expect(try Self.read(answer, pieceSize: pieceSize) == Reading(statuses: [200], ended: true, keepAlive: true))
    }

    @Test("interim answers are skipped; 204 and 304 have no body", arguments: pieceSizes)
    func interimAndBodyless(pieceSize: Int) throws {
        let interim = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n"
        #expect(try Self.read(interim, pieceSize: pieceSize) == Reading(statuses: [204], ended: true, keepAlive: true))
        let notModified = "HTTP/1.1 304 Not Modified\r\n\r\n"
        #expect(try Self.read(notModified, pieceSize: pieceSize) == Reading(statuses: [304], ended: true, keepAlive: true))
    }

    @Test("HTTP/1.0, Connection: close and close-delimited bodies do not keep the connection", arguments: pieceSizes)
    func connectionNotKept(pieceSize: Int) throws {
        #expect(
            try Self.read("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", pieceSize: pieceSize)
                == Reading(statuses: [200], ended: true, keepAlive: false))
        #expect(
            try Self.read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", pieceSize: pieceSize)
                == Reading(statuses: [200], ended: true, keepAlive: true))
        #expect(
            try Self.read("HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno", pieceSize: pieceSize)
                == Reading(statuses: [500], ended: true, keepAlive: false))
        #expect(
            try Self.read("HTTP/1.1 200 OK\r\n\r\nrest of the stream", pieceSize: pieceSize)
                == Reading(statuses: [200], ended: false, keepAlive: false))
    }

    @Test(
        "what is not an HTTP/1.x answer is refused",
        arguments: [
            "SSH-2.0-OpenSSH_9.6\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 099 Odd\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra",
        ])
    func malformed(answer: String) {
        #expect(throws: HTTP1ParseError.self) { try Self.read(answer, pieceSize: 4096) }
    }

    @Test("an answer head over the response parser's limit is refused")
    func limits() {
        let large = "HTTP/1.1 200 OK\r\n" + String(repeating: "X: 1234567890\r\n", count: ResponseParser.maxHeadBytes / 15 + 1)
        #expect(throws: HTTP1ParseError.headTooLarge) { try Self.read(large, pieceSize: 4096) }
    }

    @Test("after reset the parser reads the next answer on the same connection")
    func reset() throws {
        var parser = ProbeResponseParser()
        for status in [200, 500] {
            parser.reset()
            let progress = try parser.read(ByteBuffer(string: "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\n\r\n"))
            #expect(progress == ProbeResponseParser.Progress(status: status, ended: true))
        }
    }
}
