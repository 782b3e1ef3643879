import Synchronization

/// Tells in-process subscribers the new configuration version after each committed write.
///
/// A version implies every earlier one, so a subscriber that falls behind keeps only
/// the newest version it has not read yet: the data plane always catches up to the
/// latest configuration without queueing stale ones.
final class ChangeFeed: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextID = 0
        var latest = 0
        var isFinished = false
    }

    private let state = Mutex(State())

    /// A stream of the versions committed from now on; it ends when the store closes.
    func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state -> Int? in
            guard !state.isFinished else { return nil }
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers a committed version to every subscriber; a version older than one
    /// already delivered (two writers finishing in a different order) is skipped.
    func publish(_ version: Int) {
        state.withLock { state in
            guard version > state.latest else { return }
            state.latest = version
            for continuation in state.subscribers.values { continuation.yield(version) }
        }
    }

    /// Ends every stream; later subscribers get an empty stream.
    func finish() {
        let continuations = state.withLock { state in
            state.isFinished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
