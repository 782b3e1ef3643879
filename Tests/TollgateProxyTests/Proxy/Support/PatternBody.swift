import Synchronization
import NIOCore

/// An async sequence of ``TestPattern`` chunks totalling `total` bytes: a request
/// body produced as it is sent, never held whole.
struct PatternBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let total: Int
    /// Counts the bytes handed to the client so far.
    var produced = ProducedBytes()

    /// A byte counter shared between the body and the test.
    final class ProducedBytes: Sendable {
        let count = Atomic<Int>(0)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: Int
        let produced: ProducedBytes

        mutating func next() async -> ByteBuffer? {
            guard remaining > 0 else { return nil }
            let length = Swift.min(TestPattern.chunkSize, remaining)
            remaining -= length
            produced.count.add(length, ordering: .relaxed)
            return TestPattern.slice(length)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(remaining: total, produced: produced)
    }
}
