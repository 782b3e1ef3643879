import NIOCore
import NIOHTTP1

/// Reads the HTTP/1.x responses an upstream sends and hands them on as parts:
/// interim heads, the final head, body slices of the bytes read (never copied) and the end.
///
/// The proxy's own parser instead of NIOHTTP1's decoder, which cost more than the rest of
/// the upstream side: it runs inside the connection's handler, keeps a head's header lines
/// as bytes (``UpstreamResponseHead``), and frames bodies by `Content-Length`, `chunked` or the connection's close
/// (RFC 9112 §6.3). A response it cannot frame safely (conflicting lengths, `Content-Length`
/// beside `Transfer-Encoding`, folded or malformed header lines, a head over
/// ``maxHeadBytes``) is an ``HTTP1ParseError``: the exchange gets a 502 and the connection closes.
///
/// After a `101 Switching Protocols`, every later byte is body: the connection became a tunnel.
struct ResponseParser {
    /// The longest response head: status line, header lines and the empty line.
    static let maxHeadBytes = 64 * 1024

    private enum State {
        /// Waiting for a (next) head.
        case head
        case body(BodyReader)
        /// After a 101: every byte belongs to the new protocol.
        case tunnel
    }

    private var state = State.head
    /// Read bytes not consumed yet.
    private var input = ByteBuffer()
    private var headScanner = HeadScanner()

    /// Whether the connection's close ends the current response (a close-delimited body).
    var endsAtClose: Bool {
        if case .body(let reader) = state { return reader.endsAtClose }
        return false
    }

    /// Whether read bytes wait to be parsed.
    var hasUnparsedBytes: Bool { input.readableBytes > 0 }

    /// Adds bytes read from the connection.
    mutating func append(_ bytes: ByteBuffer) {
        if input.readableBytes > 0 {
            input.writeImmutableBuffer(bytes)
        } else {
            input = bytes
        }
    }

    /// The next part of the response to a request with `requestMethod`, or nil when
    /// more bytes are needed.
    mutating func next(requestMethod: HTTPMethod) throws(HTTP1ParseError) -> UpstreamResponsePart? {
        switch state {
        case .head:
            return try parseHead(requestMethod: requestMethod)
        case .tunnel:
            return input.readableBytes > 0 ? .body(input.readSlice(length: input.readableBytes)!) : nil
        case .body(var reader):
            let part = try reader.next(&input)
            switch part {
            case .bytes(let bytes)?:
                state = .body(reader)
                return .body(bytes)
            case .end(let trailers)?:
                state = .head
                return .end(trailers)
            case nil:
                state = .body(reader)
                return nil
            }
        }
    }

    /// Parses a complete head, deciding how its body is framed; nil while it is incomplete.
    private mutating func parseHead(requestMethod: HTTPMethod) throws(HTTP1ParseError) -> UpstreamResponsePart? {
        guard input.readableBytes > 0 else { return nil }
        let hadStatusLine = headScanner.hasStartLine
        guard let headLength = headScanner.headLength(in: input) else {
            if input.readableBytes > Self.maxHeadBytes { throw .headTooLarge }
            // A peer that is not speaking HTTP is told apart as soon as its first line is in.
            if !hadStatusLine && headScanner.hasStartLine {
                var pending = input
                if let firstLine = try HTTP1Syntax.readLine(&pending) { _ = try Self.statusLine(firstLine) }
            }
            return nil
        }
        guard headLength <= Self.maxHeadBytes else { throw .headTooLarge }
        var headBytes = input.readSlice(length: headLength)!
        guard let statusLine = try HTTP1Syntax.readLine(&headBytes) else { throw .malformed("no status line") }
        let (version, status) = try Self.statusLine(statusLine)
        let head = try UpstreamResponseHead(
            version: version, status: HTTPResponseStatus(statusCode: status), block: &headBytes)
        switch status {
        case 101:
            state = .tunnel
        case 100..<200:
            state = .head  // An interim response: the final one follows.
        case 204, 304:
            state = .body(.empty)
        case _ where requestMethod == .HEAD:
            state = .body(.empty)
        default:
            state = .body(try head.framing.responseBody())
        }
        return .head(head)
    }

    /// `HTTP/1.x SSS reason`: the version and the status code.
    static func statusLine(_ line: ByteBuffer) throws(HTTP1ParseError) -> (HTTPVersion, Int) {
        try line.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in try statusLine(bytes) }
        }.get()
    }

    private static func statusLine(_ bytes: UnsafeRawBufferPointer) throws(HTTP1ParseError) -> (HTTPVersion, Int) {
        guard bytes.count >= 12, bytes.starts(with: "HTTP/1.".utf8) else { throw .malformed("not an HTTP/1.x status line") }
        let minor = bytes[7]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"), bytes[8] == UInt8(ascii: " ") else {
            throw .malformed("not an HTTP/1.x status line")
        }
        var status = 0
        for byte in bytes[9..<12] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { throw .malformed("invalid status code") }
            status = status * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard status >= 100, bytes.count == 12 || bytes[12] == UInt8(ascii: " ") else {
            throw .malformed("invalid status code")
        }
        return (minor == UInt8(ascii: "1") ? .http1_1 : .http1_0, status)
    }
}
