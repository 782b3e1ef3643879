import NIOCore
import NIOHTTP1

/// Serialises HTTP/1.1 messages into bytes: heads, each header line in one copy, and chunked framing.
extension ByteBuffer {
    /// Writes `METHOD target HTTP/1.x`, the header lines and the empty line that ends the head.
    /// With `host`, the `Host` header has that value (in place of the first one, the others dropped).
    mutating func writeRequestHead(_ head: HTTPRequestHead, host: String?) {
        writeString(head.method.rawValue)
        writeInteger(UInt8(ascii: " "))
        writeString(head.uri)
        writeStaticString(head.version == .http1_0 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n")
        var hostPending = host
        for (name, value) in head.headers {
            if let host, name.utf8.count == 4, name.equalsCaseInsensitively("host") {
                if hostPending != nil { writeHeaderLine(name: "host", value: host) }
                hostPending = nil
            } else {
                writeHeaderLine(name: name, value: value)
            }
        }
        if let hostPending { writeHeaderLine(name: "host", value: hostPending) }
        writeStaticString("\r\n")
    }

    /// Writes `HTTP/1.x code reason`.
    mutating func writeStatusLine(version: HTTPVersion, status: HTTPResponseStatus) {
        if version != .http1_0, let line = Self.commonStatusLine(status) {
            writeStaticString(line)
            return
        }
        writeStaticString(version == .http1_0 ? "HTTP/1.0 " : "HTTP/1.1 ")
        writeString(String(status.code))
        writeInteger(UInt8(ascii: " "))
        writeString(status.reasonPhrase)
        writeStaticString("\r\n")
    }

    /// The HTTP/1.1 status lines of the most frequent answers, written in one copy.
    private static func commonStatusLine(_ status: HTTPResponseStatus) -> StaticString? {
        switch status {
        case .ok: "HTTP/1.1 200 OK\r\n"
        case .noContent: "HTTP/1.1 204 No Content\r\n"
        case .notModified: "HTTP/1.1 304 Not Modified\r\n"
        case .notFound: "HTTP/1.1 404 Not Found\r\n"
        default: nil
        }
    }

    /// Writes a `name: value` line for each header.
    mutating func writeHeaderLines(_ headers: some Collection<(name: String, value: String)>) {
        guard !headers.isEmpty else { return }
        writeWithUnsafeMutableBytes(minimumWritableBytes: Self.headerLinesLength(headers) - 2) { out in
            headers.reduce(0) { offset, header in offset + Self.putHeaderLine(name: header.name, value: header.value, into: out, at: offset) }
        }
    }

    /// Writes one `name: value` line.
    mutating func writeHeaderLine(name: String, value: String) {
        writeWithUnsafeMutableBytes(minimumWritableBytes: name.utf8.count + value.utf8.count + 4) { out in
            Self.putHeaderLine(name: name, value: value, into: out, at: 0)
        }
    }

    /// Copies `name: value` and a line break into `out` at `offset`, in one pass instead of
    /// four buffer writes (each checks capacity and uniqueness); returns the bytes written.
    private static func putHeaderLine(name: String, value: String, into out: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var end = offset
        func put(_ bytes: String.UTF8View) {
            UnsafeMutableRawBufferPointer(rebasing: out[end...]).copyBytes(from: bytes)
            end += bytes.count
        }
        func put(_ first: UInt8, _ second: UInt8) {
            out[end] = first
            out[end + 1] = second
            end += 2
        }
        put(name.utf8)
        put(UInt8(ascii: ":"), UInt8(ascii: " "))
        put(value.utf8)
        put(UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        return end - offset
    }

    /// Passes `write` the buffers that carry `data` (not empty) as one chunk of a chunked
    /// body, in order: its size line, the data, a line break (`isLast`).
    static func writeChunk(
        _ data: ByteBuffer, allocator: ByteBufferAllocator, to write: (_ piece: ByteBuffer, _ isLast: Bool) -> Void
    ) {
        var sizeLine = allocator.buffer(capacity: 18)
        sizeLine.writeChunkSizeLine(data.readableBytes)
        write(sizeLine, false)
        write(data, false)
        write(chunkLineBreak, true)
    }

    /// The last chunk of a chunked body, with its trailers.
    static func lastChunk(trailers: HTTPHeaders?, allocator: ByteBufferAllocator) -> ByteBuffer {
        guard let trailers, !trailers.isEmpty else { return emptyLastChunk }
        var bytes = allocator.buffer(capacity: 3 + headerLinesLength(trailers))
        bytes.writeStaticString("0\r\n")
        bytes.writeHeaderLines(trailers)
        bytes.writeStaticString("\r\n")
        return bytes
    }

    private static let chunkLineBreak = ByteBuffer(string: "\r\n")
    private static let emptyLastChunk = ByteBuffer(string: "0\r\n\r\n")

    /// Writes the size line that precedes a chunk of `size` bytes.
    private mutating func writeChunkSizeLine(_ size: Int) {
        precondition(size > 0, "an empty chunk would end the body")
        let digits = (Int.bitWidth - size.leadingZeroBitCount + 3) / 4
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            let digit = UInt8((size >> shift) & 0xF)
            writeInteger(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
        writeStaticString("\r\n")
    }

    /// The bytes `writeHeaderLines(_:)` writes for `headers`, and the two of an empty line.
    static func headerLinesLength(_ headers: some Sequence<(name: String, value: String)>) -> Int {
        headers.reduce(2) { length, header in length + header.name.utf8.count + header.value.utf8.count + 4 }
    }
}
