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
    private var heads = HeadBuffer()

    /// Stages the bytes of `head`, framing headers adjusted, for ``release(to:)``; a head
    /// staged before goes to `write` first. `answersHEAD`: the request was a HEAD.
    /// Relayed header lines are copied as they came, in runs.
    mutating func head(
        _ head: consuming ClientResponseHead, answersHEAD: Bool, allocator: ByteBufferAllocator, write: (ByteBuffer) -> Void
    ) {
        if head.status.mayHaveResponseBody {
            begin(bodiless: answersHEAD, chunked: Self.frame(&head.headers, version: head.version))
        } else if head.status.code >= 200 || head.status == .switchingProtocols {
            // Interim heads (other 1xx) leave the framing of the final response alone.
            begin(bodiless: true, chunked: false)
        }
        heads.release(to: write)
        stage(head, allocator: allocator)
    }

    /// Stages the framed head (a constant here: the closure that leaves removed lines out
    /// captures it without a box), with room behind it for a small body.
    private mutating func stage(_ head: ClientResponseHead, allocator: ByteBufferAllocator) {
        let relayedLength = head.headers.relayed?.lines.readableBytes ?? 0
        let headLength = relayedLength + ByteBuffer.headerLinesLength(head.headers.added) + 48
        heads.stage(capacity: headLength, allocator: allocator) {
            bytes in
            bytes.writeStatusLine(version: head.version, status: head.status)
            if let relayed = head.headers.relayed {
                let leavingOut =
                    head.headers.removed.isEmpty ? nil : { (name: Slice<UnsafeRawBufferPointer>) in head.headers.isRemoved(name) }
                relayed.forEachEndToEndRun(leavingOut: leavingOut) { bytes.writeImmutableBuffer($0) }
            }
            bytes.writeHeaderLines(head.headers.added)
            bytes.writeStaticString("\r\n")
        }
    }

    private mutating func begin(bodiless: Bool, chunked: Bool) {
        self.bodiless = bodiless
        self.chunked = chunked && !bodiless
    }

    /// Frames `bytes` of the body: copied behind the staged head when they fit, else
    /// passed to `write` after it.
    mutating func body(_ bytes: ByteBuffer, allocator: ByteBufferAllocator, write: (ByteBuffer) -> Void) {
        guard !bodiless, bytes.readableBytes > 0 else { return }
        guard chunked else { return heads.send(bytes, write: write) }
        ByteBuffer.writeChunk(bytes, allocator: allocator) { piece, _ in heads.send(piece, write: write) }
    }

    /// Frames the end of the body (the last chunk and any trailers), when its framing has one.
    mutating func end(_ trailers: HTTPHeaders?, allocator: ByteBufferAllocator, write: (ByteBuffer) -> Void) {
        guard chunked else { return }
        heads.send(ByteBuffer.lastChunk(trailers: trailers, allocator: allocator), write: write)
    }

    /// Passes the staged head, with the body bytes copied behind it, to `write`; call it
    /// before the connection flushes.
    mutating func release(to write: (ByteBuffer) -> Void) {
        heads.release(to: write)
    }

    /// The staged bytes, handed out (for a last write that needs a promise); nil when none are staged.
    mutating func takeStaged() -> ByteBuffer? {
        heads.takeStaged()
    }

    /// Sets the framing headers of a head whose response may have a body; whether it is chunked.
    private static func frame(_ headers: inout ResponseHeaders, version: HTTPVersion) -> Bool {
        let hasCodings = headers.hasTransferCoding
        if headers.hasContentLength {
            if hasCodings { headers.remove(name: "transfer-encoding") }
            return false
        }
        guard version != .http1_0 else { return false }
        guard hasCodings else {
            headers.add(name: "transfer-encoding", value: "chunked")
            return true
        }
        // Relayed lines carry exactly `chunked` (``UpstreamResponseHead/isRelayable``); added ones may not.
        guard headers.adds("transfer-encoding") else { return true }
        // The body arrives decoded from its transfer framing: the last coding must be chunked.
        let codings = headers["transfer-encoding"]
        guard let last = codings.last, !FramingFields.endsInChunked(last.utf8) else { return true }
        headers.set(name: "transfer-encoding", value: codings.joined(separator: ", ") + ", chunked")
        return true
    }
}
