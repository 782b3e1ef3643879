import NIOCore
import NIOPosix
import Synchronization

/// The bounded queue between the event loops and `http-log`'s sender.
///
/// Adding an entry takes one short lock and never waits: when the queue is full
/// the entry is dropped and counted. The sender waits for a full batch or for
/// the flush timeout, whichever comes first.
final class HTTPLogQueue: Sendable {
    private struct State {
        var entries = CircularBuffer<HTTPLogEntry>()
        var waiter: CheckedContinuation<Void, Never>?
        /// Tells a flush timer whether the wait it was armed for is still the current one.
        var wait: UInt64 = 0
        var closed = false
    }

    let capacity: Int
    let batchSize: Int
    private let state: Mutex<State>
    private let droppedEntries = Atomic<Int>(0)

    /// - Parameters:
    ///   - capacity: The most entries waiting (`queue_size`).
    ///   - batchSize: The most entries sent at once (`batch_size`).
    init(capacity: Int, batchSize: Int) {
        self.capacity = capacity
        self.batchSize = batchSize
        state = Mutex(State(entries: CircularBuffer(initialCapacity: min(capacity, 1024))))
    }

    /// Entries that never reached the collector: the queue was full, the sender
    /// failed to deliver them, or the queue was retired with them.
    var dropped: Int { droppedEntries.load(ordering: .relaxed) }

    /// Whether the queue was closed (retired).
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Counts entries lost after they left the queue.
    func countLost(_ count: Int) {
        droppedEntries.add(count, ordering: .relaxed)
    }

    /// Queues an entry, or drops it when the queue is full or closed.
    func offer(_ entry: HTTPLogEntry) {
        let (accepted, wake) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !state.closed, state.entries.count < capacity else { return (false, nil) }
            state.entries.append(entry)
            guard state.entries.count >= batchSize, let waiter = state.waiter else { return (true, nil) }
            state.waiter = nil
            return (true, waiter)
        }
        if !accepted { countLost(1) }
        wake?.resume()
    }

    /// The next entries to send, at most ``batchSize``: waits until a batch is full,
    /// `flushTimeout` passes or the queue closes. Empty when the timeout found
    /// nothing; nil once the queue is closed and empty.
    func nextBatch(flushTimeout: TimeAmount) async -> [HTTPLogEntry]? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let wait: UInt64? = state.withLock { state in
                guard state.entries.count < batchSize, !state.closed else { return nil }
                state.wait &+= 1
                state.waiter = continuation
                return state.wait
            }
            guard let wait else { return continuation.resume() }
            NIOSingletons.posixEventLoopGroup.next().scheduleTask(in: flushTimeout) { self.endWait(wait) }
        }
        return state.withLock { state in
            if state.entries.isEmpty && state.closed { return nil }
            let count = min(batchSize, state.entries.count)
            var batch: [HTTPLogEntry] = []
            batch.reserveCapacity(count)
            for _ in 0..<count { batch.append(state.entries.removeFirst()) }
            return batch
        }
    }

    /// Stops accepting entries and wakes the sender, which sends what is left.
    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Drops every waiting entry (counted): the sender gives up on them.
    func discardAll() {
        let count = state.withLock { state in
            defer { state.entries.removeAll() }
            return state.entries.count
        }
        countLost(count)
    }

    private func endWait(_ wait: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.wait == wait else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
