import NIOCore
import NIOHTTP1

/// Reads the answer to a health probe from a connection's bytes: the status, and
/// where the answer ends, so that the connection can carry the next probe.
///
/// The proxy's ``ResponseParser`` does the reading (framing by `Content-Length`,
/// `chunked` or the close, interim answers skipped); this keeps what a probe needs of it.
/// Bytes beyond the answer are an error: the target is out of step with its probes.
struct ProbeResponseParser {
    /// What one ``read(_:)`` found.
    struct Progress: Equatable {
        /// The status of the final answer, when its head was completed by this read.
        var status: Int?
        /// Whether the answer ended with this read.
        var ended = false
    }

    private var parser = ResponseParser()
    /// Whether the connection may carry another probe once the answer ended.
    private(set) var keepAlive = true

    /// Prepares for the next answer on the same connection.
    mutating func reset() {
        self = ProbeResponseParser()
    }

    /// Consumes `bytes` of the answer.
    mutating func read(_ bytes: ByteBuffer) throws(HTTP1ParseError) -> Progress {
        parser.append(bytes)
        var progress = Progress()
        while let part = try parser.next(requestMethod: .GET) {
            switch part {
            case .head(let head) where head.status.code >= 200:
                progress.status = Int(head.status.code)
                keepAlive = head.isKeepAlive
            case .head, .body:
                continue
            case .end:
                guard !parser.hasUnparsedBytes else { throw .malformed("bytes beyond the answer") }
                progress.ended = true
                return progress
            }
        }
        // A body that ends with the connection leaves nothing to reuse.
        if parser.endsAtClose { keepAlive = false }
        return progress
    }
}
