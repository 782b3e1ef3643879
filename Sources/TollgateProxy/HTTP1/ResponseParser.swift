import NIOCore
import NIOHTTP1

/// Reads the HTTP/1.x responses an upstream sends and hands them on as parts:
/// interim heads, the final head, body slices of the bytes read (never copied) and the end.
///
/// The proxy's own parser instead of NIOHTTP1's decoder, which costs more than the rest of
/// the upstream side: it runs inside the connection's handler, allocates only the head's
/// strings, and frames bodies by `Content-Length`, `chunked` or the connection's close
/// (RFC 9112 §6.3). A response it cannot frame safely (conflicting lengths, `Content-Length`
/// beside `Transfer-Encoding`, folded or malformed header lines, a head over
/// ``maxHeadBytes``) is a ``Failure``: the exchange gets a 502 and the connection closes.
///
/// After a `101 Switching Protocols`, every later byte is body: the connection became a tunnel.
struct ResponseParser {
    /// A response that is not HTTP/1.x or cannot be framed safely.
    enum Failure: Error, Equatable {
        case malformed(String)
        case headTooLarge
    }

    /// The longest response head: status line, header lines and the empty line.
    static let maxHeadBytes = 64 * 1024
    /// The longest chunk-size or trailer line.
    static let maxLineBytes = 8 * 1024

    private enum State {
        /// Waiting for a (next) head.
        case head
        case body(remaining: Int)
        /// The response is complete; its end is the next part.
        case ending
        case chunkSize
        case chunkData(remaining: Int)
        /// The line break after a chunk's data.
        case chunkDataEnd
        case trailers(HTTPHeaders)
        /// The body runs until the connection closes.
        case untilClose
        /// After a 101: every byte belongs to the new protocol.
        case tunnel
    }

    private var state = State.head
    /// Read bytes not consumed yet.
    private var input = ByteBuffer()

    /// Whether the connection's close ends the current response (a close-delimited body).
    var endsAtClose: Bool {
        if case .untilClose = state { return true }
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
    mutating func next(requestMethod: HTTPMethod) throws(Failure) -> HTTPClientResponsePart? {
        while true {
            switch state {
            case .ending:
                state = .head
                return .end(nil)
            case _ where input.readableBytes == 0:
                return nil
            case .head:
                return try parseHead(requestMethod: requestMethod)
            case .body(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                state = remaining == slice.readableBytes ? .ending : .body(remaining: remaining - slice.readableBytes)
                return .body(slice)
            case .untilClose, .tunnel:
                return .body(input.readSlice(length: input.readableBytes)!)
            case .chunkSize:
                guard let line = try Self.readLine(&input) else { return nil }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers([:]) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                state = remaining == slice.readableBytes ? .chunkDataEnd : .chunkData(remaining: remaining - slice.readableBytes)
                return .body(slice)
            case .chunkDataEnd:
                guard let line = try Self.readLine(&input) else { return nil }
                guard line.readableBytes == 0 else { throw .malformed("chunk data longer than its size") }
                state = .chunkSize
            case .trailers(var trailers):
                guard let line = try Self.readLine(&input) else { return nil }
                guard line.readableBytes > 0 else {
                    state = .head
                    return .end(trailers.isEmpty ? nil : trailers)
                }
                let (name, value) = try Self.headerField(line)
                trailers.add(name: name, value: value)
                state = .trailers(trailers)
            }
        }
    }

    /// Parses a complete head, deciding how its body is framed; nil while it is incomplete.
    private mutating func parseHead(requestMethod: HTTPMethod) throws(Failure) -> HTTPClientResponsePart? {
        guard let headLength = Self.headLength(in: input) else {
            if input.readableBytes > Self.maxHeadBytes { throw .headTooLarge }
            return nil
        }
        guard headLength <= Self.maxHeadBytes else { throw .headTooLarge }
        var headBytes = input.readSlice(length: headLength)!
        guard let statusLine = try Self.readLine(&headBytes) else { throw .malformed("no status line") }
        let (version, status) = try Self.statusLine(statusLine)
        var fields: [(String, String)] = []
        fields.reserveCapacity(16)
        var framing = FramingFields()
        while let line = try Self.readLine(&headBytes), line.readableBytes > 0 {
            let (name, value) = try Self.headerField(line)
            framing.note(name: name, value: value)
            fields.append((name, value))
        }
        // The names are tokens, so `HTTPHeaders.add`'s check of each is not needed.
        let head = HTTPResponseHead(
            version: version, status: HTTPResponseStatus(statusCode: status), headers: HTTPHeaders(fields))
        switch status {
        case 101:
            state = .tunnel
        case 100..<200:
            state = .head  // An interim response: the final one follows.
        case 204, 304:
            state = .ending
        default:
            state = requestMethod == .HEAD ? .ending : try framing.bodyState()
        }
        return .head(head)
    }

    /// The framing headers of a head, noted while its lines are read.
    private struct FramingFields {
        private var contentLength: String?
        private var conflictingLengths = false
        /// The value of the last `Transfer-Encoding` header.
        private var transferCoding: String?

        mutating func note(name: String, value: String) {
            switch name.utf8.count {
            case 14 where name.equalsCaseInsensitively("content-length"):
                if let contentLength, contentLength != value { conflictingLengths = true }
                contentLength = value
            case 17 where name.equalsCaseInsensitively("transfer-encoding"):
                transferCoding = value
            default:
                break
            }
        }

        /// How the body of a response that may have one is framed.
        func bodyState() throws(Failure) -> State {
            if let transferCoding {
                guard contentLength == nil else { throw .malformed("both Content-Length and Transfer-Encoding") }
                let last = transferCoding.lastIndex(of: ",").map { transferCoding[transferCoding.index(after: $0)...] }
                return (last ?? transferCoding[...]).trimmingOptionalWhitespace().equalsCaseInsensitively("chunked") ? .chunkSize : .untilClose
            }
            guard let contentLength else { return .untilClose }
            guard !conflictingLengths, !contentLength.isEmpty,
                contentLength.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let length = Int(contentLength)
            else { throw .malformed("invalid or conflicting Content-Length") }
            return length == 0 ? .ending : .body(remaining: length)
        }
    }
}

extension ResponseParser {
    /// The length of the head at the start of `bytes` (its empty line included), or nil
    /// when it is not complete yet. Lines end with LF, optionally after CR.
    static func headLength(in bytes: ByteBuffer) -> Int? {
        bytes.withUnsafeReadableBytes { raw in
            var lineStart = 0
            var index = 0
            while let newline = raw[index...].firstIndex(of: UInt8(ascii: "\n")) {
                let lineLength = newline - lineStart
                if lineLength == 0 || (lineLength == 1 && raw[lineStart] == UInt8(ascii: "\r")) {
                    return newline + 1
                }
                lineStart = newline + 1
                index = lineStart
            }
            return nil
        }
    }

    /// Reads one line without its line break; nil when no line break was read yet.
    static func readLine(_ bytes: inout ByteBuffer) throws(Failure) -> ByteBuffer? {
        guard let newline = bytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if bytes.readableBytes > maxLineBytes { throw .malformed("a line longer than \(maxLineBytes) bytes") }
            return nil
        }
        var line = bytes.readSlice(length: newline - bytes.readerIndex)!
        bytes.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        return line
    }

    /// `HTTP/1.x SSS reason`: the version and the status code.
    static func statusLine(_ line: ByteBuffer) throws(Failure) -> (HTTPVersion, Int) {
        let bytes = line.readableBytesView
        let prefix = "HTTP/1.".utf8
        guard bytes.count >= 12, bytes.starts(with: prefix) else { throw .malformed("not an HTTP/1.x status line") }
        let start = bytes.startIndex
        let minor = bytes[start + 7]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"), bytes[start + 8] == UInt8(ascii: " ") else {
            throw .malformed("not an HTTP/1.x status line")
        }
        var status = 0
        for byte in bytes[(start + 9)..<(start + 12)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { throw .malformed("invalid status code") }
            status = status * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard status >= 100, bytes.count == 12 || bytes[start + 12] == UInt8(ascii: " ") else {
            throw .malformed("invalid status code")
        }
        return (minor == UInt8(ascii: "1") ? .http1_1 : .http1_0, status)
    }

    /// `name: value`, the value without the whitespace around it.
    static func headerField(_ line: ByteBuffer) throws(Failure) -> (String, String) {
        let bytes = line.readableBytesView
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex else {
            throw .malformed(bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t")
                ? "a folded header line" : "a header line without a name")
        }
        let name = bytes[..<colon]
        guard name.allSatisfy(HTTPToken.isTokenByte) else { throw .malformed("an invalid header name") }
        let isWhitespace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let rest = bytes[(colon + 1)...]
        let valueStart = rest.firstIndex { !isWhitespace($0) } ?? rest.endIndex
        let valueEnd = (rest.lastIndex { !isWhitespace($0) }).map { $0 + 1 } ?? valueStart
        let value = bytes[valueStart..<max(valueStart, valueEnd)]
        guard value.allSatisfy({ $0 >= 0x20 || $0 == UInt8(ascii: "\t") }), !value.contains(0x7F) else {
            throw .malformed("a control character in a header value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// A chunk-size line: hexadecimal digits, then optional extensions (ignored).
    static func chunkSize(_ line: ByteBuffer) throws(Failure) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard digits > 0 else { throw .malformed("a chunk size without digits") }
                return size
            default:
                throw .malformed("an invalid chunk size")
            }
            digits += 1
            guard digits <= 15 else { throw .malformed("a chunk size too large") }
            size = size * 16 + digit
        }
        guard digits > 0 else { throw .malformed("a chunk size without digits") }
        return size
    }
}

/// The bytes of an HTTP token (RFC 9110 §5.6.2), as header names are.
enum HTTPToken {
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
