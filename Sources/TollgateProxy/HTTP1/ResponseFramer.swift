import NIOCore
import NIOHTTP1

/// Turns the responses of one client connection into bytes, framing each body as its
/// head says: as is after `Content-Length`, as chunks after `Transfer-Encoding`, and
/// until the connection closes for an HTTP/1.0 client. A 1.1 head with neither gets
/// `Transfer-Encoding: chunked`. Responses without a body (1xx, 204, 304, and any
/// answer to a HEAD request) carry no body bytes and no chunked terminator.
///
/// The proxy's own encoder instead of NIOHTTP1's: it runs inside the connection's
/// handler, so a response part costs no pipeline step of its own.
struct ResponseFramer {
    /// Whether the body of the response being written is sent as chunks.
    private var chunked = false
    /// Whether the response being written has no body.
    private var bodiless = false

    /// The bytes of `head`, framing headers adjusted. `answersHEAD`: the request was a HEAD.
    mutating func head(_ head: HTTPResponseHead, answersHEAD: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var headers = head.headers
        if head.status.mayHaveResponseBody {
            begin(bodiless: answersHEAD, chunked: Self.frame(&headers, version: head.version))
        } else if head.status.code >= 200 || head.status == .switchingProtocols {
            // Interim heads (other 1xx) leave the framing of the final response alone.
            begin(bodiless: true, chunked: false)
        }
        var bytes = allocator.buffer(capacity: ByteBuffer.headerLinesLength(headers) + 48)
        bytes.writeStatusLine(version: head.version, status: head.status)
        bytes.writeHeaderLines(headers)
        bytes.writeStaticString("\r\n")
        return bytes
    }

    /// The bytes of a final head relayed to an HTTP/1.1 client as the upstream sent it
    /// (``UpstreamResponseHead/isRelayable``): the status line, the upstream's end-to-end
    /// lines copied as they are, `Transfer-Encoding: chunked` when a body needs framing,
    /// then the lines `addLines` writes (at most `addedLength` bytes).
    mutating func relayedHead(
        _ head: UpstreamResponseHead, answersHEAD: Bool, allocator: ByteBufferAllocator,
        addedLength: Int, addLines: (inout ByteBuffer) -> Void
    ) -> ByteBuffer {
        let addsChunked = head.status.mayHaveResponseBody && head.framing.contentLength == nil && !head.framing.hasTransferCoding
        if head.status.mayHaveResponseBody {
            begin(bodiless: answersHEAD, chunked: head.framing.contentLength == nil)
        } else {
            begin(bodiless: true, chunked: false)
        }
        var bytes = allocator.buffer(capacity: head.lines.readableBytes + addedLength + 80)
        bytes.writeStatusLine(version: .http1_1, status: head.status)
        head.forEachEndToEndRun { bytes.writeImmutableBuffer($0) }
        if addsChunked { bytes.writeStaticString("transfer-encoding: chunked\r\n") }
        addLines(&bytes)
        bytes.writeStaticString("\r\n")
        return bytes
    }

    private mutating func begin(bodiless: Bool, chunked: Bool) {
        self.bodiless = bodiless
        self.chunked = chunked && !bodiless
    }

    /// Passes `bytes` of the body to `write`, framed.
    func body(_ bytes: ByteBuffer, allocator: ByteBufferAllocator, write: (ByteBuffer) -> Void) {
        guard !bodiless, bytes.readableBytes > 0 else { return }
        guard chunked else { return write(bytes) }
        ByteBuffer.writeChunk(bytes, allocator: allocator) { piece, _ in write(piece) }
    }

    /// The bytes that end the body (the last chunk and any trailers), if it has such bytes.
    func end(_ trailers: HTTPHeaders?, allocator: ByteBufferAllocator) -> ByteBuffer? {
        chunked ? ByteBuffer.lastChunk(trailers: trailers, allocator: allocator) : nil
    }

    /// Sets the framing headers of a head whose response may have a body; whether it is chunked.
    private static func frame(_ headers: inout HTTPHeaders, version: HTTPVersion) -> Bool {
        let hasCodings = headers.contains(name: "transfer-encoding")
        if headers.contains(name: "content-length") {
            if hasCodings { headers.remove(name: "transfer-encoding") }
            return false
        }
        guard version != .http1_0 else { return false }
        guard hasCodings else {
            headers.add(name: "transfer-encoding", value: "chunked")
            return true
        }
        // The body arrives decoded from its transfer framing: the last coding must be chunked.
        let codings = headers["transfer-encoding"]
        guard let last = codings.last, !FramingFields.endsInChunked(last.utf8) else { return true }
        headers.remove(name: "transfer-encoding")
        headers.add(name: "transfer-encoding", value: codings.joined(separator: ", ") + ", chunked")
        return true
    }
}
