import NIOCore

/// An async sequence of ``TestPattern`` chunks totalling `total` bytes: a request
/// body produced as it is sent, never held whole.
struct PatternBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let total: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: Int

        mutating func next() async -> ByteBuffer? {
            guard remaining > 0 else { return nil }
            let length = Swift.min(TestPattern.chunkSize, remaining)
            remaining -= length
            return TestPattern.slice(length)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(remaining: total)
    }
}
