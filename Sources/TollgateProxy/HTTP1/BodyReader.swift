import NIOCore
import NIOHTTP1

/// Reads one message body from parser input, framed by a length or by chunks
/// (RFC 9112 §6–7), or running until the connection closes. Body parts are slices
/// of the bytes read, never copies.
struct BodyReader {
    /// What a ``next(_:)`` found.
    enum Part {
        case bytes(ByteBuffer)
        /// The body is complete, with the trailers of a chunked one.
        case end(HTTPHeaders?)
    }

    private enum State {
        case length(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        /// The line break after a chunk's data.
        case chunkDataEnd
        /// The trailers read so far, and their bytes.
        case trailers(HTTPHeaders, bytes: Int)
        case untilClose
        /// Complete; the end is the next part.
        case ending
    }

    private var state: State

    /// The most bytes of trailer lines one body may have.
    static let maxTrailerBytes = 32 * 1024

    /// A body of `length` bytes (none: the end comes at once).
    static func length(_ length: Int) -> BodyReader { BodyReader(state: length == 0 ? .ending : .length(remaining: length)) }
    static let chunked = BodyReader(state: .chunkSize)
    static let untilClose = BodyReader(state: .untilClose)
    static let empty = BodyReader(state: .ending)

    /// Whether the connection's close ends the body.
    var endsAtClose: Bool {
        if case .untilClose = state { return true }
        return false
    }

    /// The next part of the body, or nil when more bytes are needed.
    mutating func next(_ input: inout ByteBuffer) throws(HTTP1ParseError) -> Part? {
        while true {
            switch state {
            case .ending:
                return .end(nil)
            case _ where input.readableBytes == 0:
                return nil
            case .length(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                state = remaining == slice.readableBytes ? .ending : .length(remaining: remaining - slice.readableBytes)
                return .bytes(slice)
            case .untilClose:
                return .bytes(input.readSlice(length: input.readableBytes)!)
            case .chunkSize:
                guard let line = try HTTP1Syntax.readLine(&input) else { return nil }
                let size = try HTTP1Syntax.chunkSize(line)
                state = size == 0 ? .trailers([:], bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                state = remaining == slice.readableBytes ? .chunkDataEnd : .chunkData(remaining: remaining - slice.readableBytes)
                return .bytes(slice)
            case .chunkDataEnd:
                guard let line = try HTTP1Syntax.readLine(&input) else { return nil }
                guard line.readableBytes == 0 else { throw .malformed("chunk data longer than its size") }
                state = .chunkSize
            case .trailers(var trailers, let bytes):
                guard let line = try HTTP1Syntax.readLine(&input) else { return nil }
                guard line.readableBytes > 0 else {
                    state = .ending
                    return .end(trailers.isEmpty ? nil : trailers)
                }
                guard bytes + line.readableBytes <= Self.maxTrailerBytes else { throw .headTooLarge }
                let (name, value) = try HTTP1Syntax.headerField(line)
                trailers.add(name: name, value: value)
                state = .trailers(trailers, bytes: bytes + line.readableBytes)
            }
        }
    }
}
