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

    /// Calls `body` with each element of a comma-separated list value (RFC 9110 §5.6.1:
    /// `Connection`, `Vary`…), trimmed, skipping empty ones.
    static func forEachListElement<Bytes: BidirectionalCollection<UInt8>>(in value: Bytes, _ body: (Bytes.SubSequence) -> Void) {
        var elementStart = value.startIndex
        while elementStart < value.endIndex {
            let elementEnd = value[elementStart...].firstIndex(of: UInt8(ascii: ",")) ?? value.endIndex
            let element = OptionalWhitespace.trimmed(value[elementStart..<elementEnd])
            if !element.isEmpty { body(element) }
            elementStart = elementEnd < value.endIndex ? value.index(after: elementEnd) : elementEnd
        }
    }

    /// Reads one line without its line break; nil when no line break was read yet.
    static func readLine(_ bytes: inout ByteBuffer) throws(HTTP1ParseError) -> ByteBuffer? {
        let found = bytes.withUnsafeReadableBytes { $0.firstOffset(of: UInt8(ascii: "\n"), in: 0..<$0.count) }
        guard let newline = found else {
            if bytes.readableBytes > maxLineBytes { throw .malformed("a line longer than \(maxLineBytes) bytes") }
            return nil
        }
        var line = bytes.readSlice(length: newline)!
        bytes.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        return line
    }

    /// The header lines of a head, after its start line, up to the empty line; notes the
    /// framing and `Connection` headers as it reads them.
    static func headerFields(
        _ head: inout ByteBuffer, framing: inout FramingFields, connection: inout ConnectionOptions
    ) throws(HTTP1ParseError) -> HTTPHeaders {
        var fields: [(String, String)] = []
        fields.reserveCapacity(16)
        let block = try forEachField(in: head) { bytes, field throws(HTTP1ParseError) in
            framing.note(name: bytes[field.name], value: bytes[field.value])
            connection.note(name: bytes[field.name], value: bytes[field.value])
            fields.append(field.strings(of: bytes))
        }
        head.moveReaderIndex(forwardBy: block.length)
        // The names are tokens, so `HTTPHeaders.add`'s check of each is not needed.
        return HTTPHeaders(fields)
    }

    /// `name: value`, the value without the whitespace around it.
    static func headerField(_ line: ByteBuffer) throws(HTTP1ParseError) -> (String, String) {
        try line.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in try FieldLine(bytes, line: 0..<bytes.count).strings(of: bytes) }
        }.get()
    }

    /// The header lines at the start of some bytes, as ``forEachField(in:alreadyChecked:_:)`` found them.
    struct FieldBlock {
        /// The bytes the lines take, line breaks included, the empty line that ends them excluded.
        var length = 0
        /// Whether every line ends in CRLF (none in a bare LF).
        var endsInCRLF = true
    }

    /// Calls `body` with each header line at the start of `block`, checked, up to the empty
    /// line (or the end of the bytes). Lines `alreadyChecked` are only split.
    @discardableResult
    static func forEachField(
        in block: ByteBuffer, alreadyChecked: Bool = false,
        _ body: (UnsafeRawBufferPointer, FieldLine) throws(HTTP1ParseError) -> Void
    ) throws(HTTP1ParseError) -> FieldBlock {
        try block.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in
                var found = FieldBlock()
                while found.length < bytes.count {
                    let lineStart = found.length
                    let newline = bytes.firstOffset(of: UInt8(ascii: "\n"), in: lineStart..<bytes.count) ?? bytes.count
                    let hasCR = newline > lineStart && bytes[newline - 1] == UInt8(ascii: "\r")
                    let lineEnd = hasCR ? newline - 1 : newline
                    guard lineEnd > lineStart else { break }
                    let line = lineStart..<lineEnd
                    try body(bytes, alreadyChecked ? FieldLine(splitting: bytes, line: line) : try FieldLine(bytes, line: line))
                    found.endsInCRLF = found.endsInCRLF && hasCR
                    found.length = min(newline + 1, bytes.count)
                }
                return found
            }
        }.get()
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

/// One header line, checked (RFC 9110 §5.5, RFC 9112 §5): a token name, a colon, and a
/// value without control characters; as offsets into the bytes it was read from.
struct FieldLine {
    /// The name's bytes.
    let name: Range<Int>
    /// The value's bytes, without the whitespace around it.
    let value: Range<Int>

    /// Checks the line at `line` of `bytes` (without its line break).
    init(_ bytes: UnsafeRawBufferPointer, line: Range<Int>) throws(HTTP1ParseError) {
        guard let colon = bytes.firstOffset(of: UInt8(ascii: ":"), in: line), colon > line.lowerBound else {
            throw .malformed(
                OptionalWhitespace.contains(bytes[line.lowerBound]) ? "a folded header line" : "a header line without a name")
        }
        guard bytes[line.lowerBound..<colon].allSatisfy(HTTP1Syntax.isTokenByte) else {
            throw .malformed("an invalid header name")
        }
        let value = OptionalWhitespace.trimmed(bytes[(colon + 1)..<line.upperBound])
        guard value.allSatisfy({ ($0 >= 0x20 && $0 != 0x7F) || $0 == UInt8(ascii: "\t") }) else {
            throw .malformed("a control character in a header value")
        }
        self.name = line.lowerBound..<colon
        self.value = value.startIndex..<value.endIndex
    }

    /// Splits a line that was checked before.
    init(splitting bytes: UnsafeRawBufferPointer, line: Range<Int>) {
        let colon = bytes.firstOffset(of: UInt8(ascii: ":"), in: line) ?? line.upperBound
        let value = OptionalWhitespace.trimmed(bytes[min(colon + 1, line.upperBound)..<line.upperBound])
        name = line.lowerBound..<colon
        self.value = value.startIndex..<value.endIndex
    }

    /// The name and the value as strings.
    func strings(of bytes: UnsafeRawBufferPointer) -> (String, String) {
        (String(decoding: bytes[name], as: UTF8.self), String(decoding: bytes[value], as: UTF8.self))
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
            while let newline = raw.firstOffset(of: UInt8(ascii: "\n"), in: lineStart..<raw.count) {
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
struct FramingFields: Equatable {
    /// The length `Content-Length` gives; nil without one.
    private(set) var contentLength: Int?
    /// A `Content-Length` that is not one decimal number, or that differs from another.
    private var invalidLength = false
    /// How many `Transfer-Encoding` headers there are.
    private(set) var transferCodingHeaders = 0
    /// Whether the last `Transfer-Encoding` value is exactly `chunked`.
    private var lastCodingOnlyChunked = false
    /// Whether the last coding of the last `Transfer-Encoding` value is `chunked`.
    private var lastCodingChunked = false

    mutating func note(name: some Collection<UInt8>, value: some BidirectionalCollection<UInt8>) {
        switch name.count {
        case 14 where ASCIIFolding.equal(name, "content-length".utf8):
            guard let length = Self.decimal(value) else {
                invalidLength = true
                return
            }
            if let contentLength, contentLength != length { invalidLength = true }
            contentLength = length
        case 17 where ASCIIFolding.equal(name, "transfer-encoding".utf8):
            transferCodingHeaders += 1
            lastCodingOnlyChunked = ASCIIFolding.equal(value, "chunked".utf8)
            lastCodingChunked = Self.endsInChunked(value)
        default:
            break
        }
    }

    /// Whether the head has a `Transfer-Encoding` header.
    var hasTransferCoding: Bool { transferCodingHeaders > 0 }

    /// Whether a body follows the head: one in chunks, or a length other than 0.
    var announcesBody: Bool { hasTransferCoding || (contentLength ?? 0) > 0 }

    /// Whether the framing is one `Content-Length`, or one `Transfer-Encoding: chunked`, or neither:
    /// framing a writer can keep as it is.
    var isPlain: Bool {
        !invalidLength && (transferCodingHeaders == 0 || (transferCodingHeaders == 1 && lastCodingOnlyChunked && contentLength == nil))
    }

    /// How a request's body is framed (RFC 9112 §6.3): by chunks only when `chunked`
    /// is the one transfer coding (the proxy re-frames bodies, so it relays no other),
    /// by its length, or it has none.
    func requestBody() throws(HTTP1ParseError) -> BodyReader {
        guard hasTransferCoding else { return try declaredLength().map(BodyReader.length) ?? .empty }
        try refuseLengthBesideCoding()
        guard transferCodingHeaders == 1, lastCodingOnlyChunked else {
            throw .malformed("a transfer coding other than chunked")
        }
        return .chunked
    }

    /// How the body of a response that may have one is framed: by chunks when the last
    /// transfer coding is `chunked`, by its length, else until the connection closes.
    func responseBody() throws(HTTP1ParseError) -> BodyReader {
        guard hasTransferCoding else { return try declaredLength().map(BodyReader.length) ?? .untilClose }
        try refuseLengthBesideCoding()
        return lastCodingChunked ? .chunked : .untilClose
    }

    /// Whether the last coding of a `Transfer-Encoding` value is `chunked`.
    static func endsInChunked(_ codings: some BidirectionalCollection<UInt8>) -> Bool {
        let last = codings.lastIndex(of: UInt8(ascii: ",")).map { codings[codings.index(after: $0)...] } ?? codings[...]
        return ASCIIFolding.equal(OptionalWhitespace.trimmed(last), "chunked".utf8)
    }

    /// A message with both framings is how smuggling starts (RFC 9112 §6.3): refused.
    private func refuseLengthBesideCoding() throws(HTTP1ParseError) {
        if contentLength != nil || invalidLength { throw .malformed("both Content-Length and Transfer-Encoding") }
    }

    /// The body length `Content-Length` gives; nil without one.
    private func declaredLength() throws(HTTP1ParseError) -> Int? {
        guard !invalidLength else { throw .malformed("invalid or conflicting Content-Length") }
        return contentLength
    }

    /// A non-negative decimal number of at most 18 digits (no sign, no spaces); nil otherwise.
    private static func decimal(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var number = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            number = number * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return number
    }
}

/// Optional whitespace (RFC 9110 §5.6.3): spaces and tabs around values and list elements.
enum OptionalWhitespace {
    static func contains(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// `bytes` without the optional whitespace around them.
    static func trimmed<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        guard let first = bytes.firstIndex(where: { !contains($0) }), let last = bytes.lastIndex(where: { !contains($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }
}
