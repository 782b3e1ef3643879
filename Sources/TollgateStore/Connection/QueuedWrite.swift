import SQLKit
import Synchronization

/// A write waiting for its turn on the writing connection, type-erased so that
/// writes with different results can share one commit.
protocol QueuedWrite: Sendable {
    /// Runs the write inside the open transaction; when it throws, the write is
    /// finished with that error and the error is rethrown.
    func stage(on database: any SQLDatabase) async throws
    /// Delivers the staged result, once the transaction has committed.
    func finish()
    /// Finishes the write with `error` (its transaction failed) unless it already finished.
    func fail(_ error: any Error)
    /// Asks the write's caller to commit the next group (see ``GroupCommitter``).
    func promote()
}

/// One write and the caller waiting for its outcome or its turn to commit a group.
final class PendingWrite<Value: Sendable>: QueuedWrite {
    /// What the waiting caller is woken for.
    enum Wakeup {
        /// Commit the next group of writes (this write is at its head).
        case lead
        /// The write is done.
        case finished(Result<Value, any Error>)
    }

    private enum State {
        case queued
        case staged(Value)
        case finished(Result<Value, any Error>)
    }

    private struct Box {
        var state = State.queued
        var isPromoted = false
        var waiter: CheckedContinuation<Wakeup, Never>?
    }

    private let work: @Sendable (any SQLDatabase) async throws -> Value
    private let box = Mutex(Box())

    init(_ work: @escaping @Sendable (any SQLDatabase) async throws -> Value) {
        self.work = work
    }

    func stage(on database: any SQLDatabase) async throws {
        do {
            let value = try await work(database)
            box.withLock { $0.state = .staged(value) }
        } catch {
            fail(error)
            throw error
        }
    }

    func finish() {
        let staged = box.withLock { box -> Value? in
            if case .staged(let value) = box.state { return value }
            return nil
        }
        if let staged { wake(.finished(.success(staged))) }
    }

    func fail(_ error: any Error) {
        wake(.finished(.failure(error)))
    }

    func promote() {
        wake(.lead)
    }

    /// Waits until the caller must lead a commit, or the write is done.
    func next() async -> Wakeup {
        await withCheckedContinuation { continuation in
            let ready = box.withLock { box -> Wakeup? in
                if case .finished(let result) = box.state { return .finished(result) }
                if box.isPromoted {
                    box.isPromoted = false
                    return .lead
                }
                box.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Records a wakeup (an outcome is recorded once) and resumes the caller if it waits already.
    private func wake(_ wakeup: Wakeup) {
        let waiter = box.withLock { box -> CheckedContinuation<Wakeup, Never>? in
            switch (wakeup, box.state) {
            case (_, .finished):
                return nil
            case (.lead, _):
                box.isPromoted = box.waiter == nil
            case (.finished(let result), _):
                box.state = .finished(result)
            }
            defer { box.waiter = nil }
            return box.waiter
        }
        waiter?.resume(returning: wakeup)
    }
}
