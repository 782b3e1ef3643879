import NIOCore
import NIOHTTP1

/// Reads the HTTP/1.x requests a client sends and hands them on as parts: the head,
/// body slices of the bytes read (never copied) and the end; pipelined requests one
/// after another.
///
/// The proxy's own parser instead of NIOHTTP1's decoder, strict where request smuggling
/// lives (RFC 9112 §6.3, §11.2): `Content-Length` beside `Transfer-Encoding`, differing or
/// malformed lengths, any transfer coding but exactly `chunked`, folded or malformed header
/// lines and control characters are ``HTTP1ParseError/malformed(_:)`` (400); a head over
/// ``ProxyLimits/maxHeaderBytes`` is ``HTTP1ParseError/headTooLarge`` (431) and a target
/// over ``ProxyLimits/maxRequestTargetBytes`` is ``HTTP1ParseError/targetTooLong`` (414),
/// both found before the head is complete when it is that long.
///
/// After a request that asks to switch protocols (or `CONNECT`), parsing stops: what
/// follows belongs to the new protocol, not to HTTP.
struct RequestParser {
    /// The longest request line: a target of the longest length, a method and the version.
    static let maxRequestLineBytes = ProxyLimits.maxRequestTargetBytes + 64

    private enum State {
        /// Waiting for a (next) head.
        case head
        case body(BodyReader, thenStop: Bool)
        /// A protocol switch was asked for: no more HTTP on this connection.
        case stopped
    }

    private var state = State.head
    /// Read bytes not consumed yet.
    private var input = ByteBuffer()
    private var headScanner = HeadScanner()

    /// Adds bytes read from the connection.
    mutating func append(_ bytes: ByteBuffer) {
        if input.readableBytes > 0 {
            input.writeImmutableBuffer(bytes)
        } else {
            input = bytes
        }
    }

    /// The next part of the requests read, or nil when more bytes are needed.
    mutating func next() throws(HTTP1ParseError) -> ClientRequestPart? {
        switch state {
        case .head:
            return try parseHead()
        case .stopped:
            guard input.readableBytes <= ProxyLimits.maxHeaderBytes else {
                throw .malformed("bytes of another protocol before the switch was accepted")
            }
            return nil
        case .body(var reader, let thenStop):
            switch try reader.next(&input) {
            case .bytes(let bytes)?:
                state = .body(reader, thenStop: thenStop)
                return .body(bytes)
            case .end(let trailers)?:
                state = thenStop ? .stopped : .head
                return .end(trailers)
            case nil:
                state = .body(reader, thenStop: thenStop)
                return nil
            }
        }
    }

    private mutating func parseHead() throws(HTTP1ParseError) -> ClientRequestPart? {
        // Empty lines before a request line are ignored (RFC 9112 §2.2), as after a body's extra CRLF.
        while let first = input.readableBytesView.first, first == UInt8(ascii: "\r") || first == UInt8(ascii: "\n") {
            input.moveReaderIndex(forwardBy: 1)
        }
        guard input.readableBytes > 0 else { return nil }
        guard let headLength = headScanner.headLength(in: input) else {
            try checkIncompleteHead()
            return nil
        }
        guard headLength <= ProxyLimits.maxHeaderBytes else { throw .headTooLarge }
        var headBytes = input.readSlice(length: headLength)!
        guard let requestLine = try HTTP1Syntax.readLine(&headBytes) else { throw .malformed("no request line") }
        let (method, target, version) = try Self.requestLine(requestLine)
        guard target.utf8.count <= ProxyLimits.maxRequestTargetBytes else { throw .targetTooLong }
        var framing = FramingFields()
        var connection = ConnectionOptions()
        let headers = try HTTP1Syntax.headerFields(&headBytes, framing: &framing, connection: &connection)
        let protocols = headers["upgrade"]
        let upgrade = connection.upgrade && !protocols.isEmpty ? protocols.joined(separator: ", ") : nil
        state = .body(try framing.requestBody(), thenStop: method == .CONNECT || upgrade != nil)
        return .head(
            ClientRequestHead(
                head: HTTPRequestHead(version: version, method: method, uri: target, headers: headers),
                hasBody: framing.announcesBody, upgrade: upgrade,
                isKeepAlive: connection.isKeepAlive(version: version) && protocols.isEmpty))
    }

    /// Throws when the bytes of a head not complete yet are already too many.
    private func checkIncompleteHead() throws(HTTP1ParseError) {
        if !headScanner.hasStartLine && input.readableBytes > Self.maxRequestLineBytes { throw .targetTooLong }
        if input.readableBytes > ProxyLimits.maxHeaderBytes { throw .headTooLarge }
    }

    /// `METHOD target HTTP/1.x`.
    static func requestLine(_ line: ByteBuffer) throws(HTTP1ParseError) -> (HTTPMethod, String, HTTPVersion) {
        try line.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in try requestLine(bytes) }
        }.get()
    }

    private static func requestLine(_ bytes: UnsafeRawBufferPointer) throws(HTTP1ParseError) -> (HTTPMethod, String, HTTPVersion) {
        guard let firstSpace = bytes.firstOffset(of: UInt8(ascii: " "), in: 0..<bytes.count), firstSpace > 0,
            let lastSpace = bytes.lastIndex(of: UInt8(ascii: " ")), lastSpace > firstSpace + 1
        else { throw .malformed("not a request line") }
        let method = bytes[..<firstSpace]
        let target = bytes[(firstSpace + 1)..<lastSpace]
        let version = bytes[(lastSpace + 1)...]
        guard method.allSatisfy(HTTP1Syntax.isTokenByte) else { throw .malformed("an invalid method") }
        guard target.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { throw .malformed("an invalid request target") }
        guard version.count == 8, version.starts(with: "HTTP/1.".utf8),
            let minor = version.last, minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1")
        else { throw .malformed("not HTTP/1.0 or HTTP/1.1") }
        return (
            Self.method(method), String(decoding: target, as: UTF8.self),
            minor == UInt8(ascii: "1") ? .http1_1 : .http1_0
        )
    }

    /// The method a token names; the common ones are told from their bytes without making a string.
    private static func method(_ token: Slice<UnsafeRawBufferPointer>) -> HTTPMethod {
        switch token.count {
        case 3 where token.elementsEqual("GET".utf8): .GET
        case 3 where token.elementsEqual("PUT".utf8): .PUT
        case 4 where token.elementsEqual("POST".utf8): .POST
        case 4 where token.elementsEqual("HEAD".utf8): .HEAD
        case 5 where token.elementsEqual("PATCH".utf8): .PATCH
        case 6 where token.elementsEqual("DELETE".utf8): .DELETE
        case 7 where token.elementsEqual("OPTIONS".utf8): .OPTIONS
        default: HTTPMethod(rawValue: String(decoding: token, as: UTF8.self))
        }
    }
}
