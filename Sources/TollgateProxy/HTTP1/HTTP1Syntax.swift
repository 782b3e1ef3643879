import NIOCore
import NIOHTTP1

/// Why bytes could not be read as an HTTP/1.x message.
enum HTTP1ParseError: Error, Equatable {
    /// Not HTTP/1.x, or not framed safely (the reason says what).
    case malformed(String)
    /// A head longer than the parser allows.
    case headTooLarge
    /// A request target longer than ``ProxyLimits/maxRequestTargetBytes``.
    case targetTooLong
}

/// The lexical pieces of HTTP/1.x messages (RFC 9112), shared by the request and response
/// parsers. Lines end with LF, optionally after CR.
enum HTTP1Syntax {
    /// The longest chunk-size or trailer line.
    static let maxLineBytes = 8 * 1024

    /// Reads one line without its line break; nil when no line break was read yet.
    static func readLine(_ bytes: inout ByteBuffer) throws(HTTP1ParseError) -> ByteBuffer? {
        guard let newline = bytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if bytes.readableBytes > maxLineBytes { throw .malformed("a line longer than \(maxLineBytes) bytes") }
            return nil
        }
        var line = bytes.readSlice(length: newline - bytes.readerIndex)!
        bytes.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        return line
    }

    /// The header lines of a head, after its start line, up to the empty line.
    static func headerFields(_ head: inout ByteBuffer, framing: inout FramingFields) throws(HTTP1ParseError) -> HTTPHeaders {
        var fields: [(String, String)] = []
        fields.reserveCapacity(16)
        while let line = try readLine(&head), line.readableBytes > 0 {
            let (name, value) = try headerField(line)
            framing.note(name: name, value: value)
            fields.append((name, value))
        }
        // The names are tokens, so `HTTPHeaders.add`'s check of each is not needed.
        return HTTPHeaders(fields)
    }

    /// `name: value`, the value without the whitespace around it.
    static func headerField(_ line: ByteBuffer) throws(HTTP1ParseError) -> (String, String) {
        let bytes = line.readableBytesView
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex else {
            throw .malformed(
                bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t")
                    ? "a folded header line" : "a header line without a name")
        }
        let name = bytes[..<colon]
        guard name.allSatisfy(isTokenByte) else { throw .malformed("an invalid header name") }
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
    static func chunkSize(_ line: ByteBuffer) throws(HTTP1ParseError) -> Int {
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

    /// The bytes of a token (RFC 9110 §5.6.2), as header names and methods are.
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

/// Finds where a head ends in parser input, across reads: each search resumes at the
/// line it stopped in, so a head that arrives a few bytes at a time is scanned once,
/// not once per read (which a client trickling 32 KiB could make quadratic).
struct HeadScanner {
    /// Where the line being read starts, relative to the input's first readable byte.
    private var lineStart = 0

    /// Whether the head's start line is complete.
    var hasStartLine: Bool { lineStart > 0 }

    /// The length of the head at the start of `bytes` (its empty line included), or nil
    /// when it is not complete yet. `bytes` must be the same input, grown, until a head is found.
    mutating func headLength(in bytes: ByteBuffer) -> Int? {
        let found: Int? = bytes.withUnsafeReadableBytes { raw in
            while let newline = raw[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let lineLength = newline - lineStart
                if lineLength == 0 || (lineLength == 1 && raw[lineStart] == UInt8(ascii: "\r")) {
                    return newline + 1
                }
                lineStart = newline + 1
            }
            return nil
        }
        if found != nil { lineStart = 0 }
        return found
    }
}

/// The framing headers of a head, noted while its lines are read.
struct FramingFields {
    private var contentLength: String?
    private var conflictingLengths = false
    /// The value of the last `Transfer-Encoding` header.
    private var transferCoding: String?
    /// How many `Transfer-Encoding` headers there are.
    private var transferCodingHeaders = 0

    mutating func note(name: String, value: String) {
        switch name.utf8.count {
        case 14 where name.equalsCaseInsensitively("content-length"):
            if let contentLength, contentLength != value { conflictingLengths = true }
            contentLength = value
        case 17 where name.equalsCaseInsensitively("transfer-encoding"):
            transferCoding = value
            transferCodingHeaders += 1
        default:
            break
        }
    }

    /// How a request's body is framed (RFC 9112 §6.3): by chunks only when `chunked`
    /// is the one transfer coding (the proxy re-frames bodies, so it relays no other),
    /// by its length, or it has none.
    func requestBody() throws(HTTP1ParseError) -> BodyReader {
        guard let transferCoding else { return try declaredLength().map(BodyReader.length) ?? .empty }
        try refuseLengthBesideCoding()
        guard transferCodingHeaders == 1, transferCoding.equalsCaseInsensitively("chunked") else {
            throw .malformed("a transfer coding other than chunked")
        }
        return .chunked
    }

    /// How the body of a response that may have one is framed: by chunks when the last
    /// transfer coding is `chunked`, by its length, else until the connection closes.
    func responseBody() throws(HTTP1ParseError) -> BodyReader {
        guard let transferCoding else { return try declaredLength().map(BodyReader.length) ?? .untilClose }
        try refuseLengthBesideCoding()
        return Self.endsInChunked(transferCoding) ? .chunked : .untilClose
    }

    /// Whether the last coding of a `Transfer-Encoding` value is `chunked`.
    static func endsInChunked(_ codings: String) -> Bool {
        let last = codings.lastIndex(of: ",").map { codings[codings.index(after: $0)...] } ?? codings[...]
        return last.trimmingOptionalWhitespace().equalsCaseInsensitively("chunked")
    }

    /// A message with both framings is how smuggling starts (RFC 9112 §6.3): refused.
    private func refuseLengthBesideCoding() throws(HTTP1ParseError) {
        if contentLength != nil { throw .malformed("both Content-Length and Transfer-Encoding") }
    }

    /// The body length `Content-Length` gives; nil without one.
    private func declaredLength() throws(HTTP1ParseError) -> Int? {
        guard let contentLength else { return nil }
        guard !conflictingLengths, !contentLength.isEmpty,
            contentLength.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let length = Int(contentLength)
        else { throw .malformed("invalid or conflicting Content-Length") }
        return length
    }
}
