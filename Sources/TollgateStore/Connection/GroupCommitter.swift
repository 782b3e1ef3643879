import SQLKit
import Synchronization

/// Runs writes one at a time on the writing connection and commits the writes
/// that queued up meanwhile together: one transaction, one sync to disk, for a
/// whole group (group commit).
///
/// Each write of a group runs in its own savepoint, so a write that throws is
/// undone alone and the others still commit; a write is acknowledged only after
/// its group's commit. When a group's commit fails, every write in it fails.
///
/// The caller of the write at the head of the queue commits the next group, then
/// hands that duty to the caller of the next queued write, so no caller waits for
/// more than the groups ahead of its own.
final class GroupCommitter: Sendable {
    private struct Queue {
        var writes: [any QueuedWrite] = []
        /// Whether some caller is committing a group (or has been asked to).
        var hasLeader = false
    }

    /// The most writes committed together.
    static let maximumGroupSize = 64

    private let connection: StoreConnection
    private let begin: String
    private let queue = Mutex(Queue())

    /// - Parameters:
    ///   - connection: The writing connection.
    ///   - begin: The statement that opens a write transaction.
    init(connection: StoreConnection, begin: String) {
        self.connection = connection
        self.begin = begin
    }

    /// Runs `work` in a transaction (shared with the writes queued beside it) and
    /// returns its value once committed; rethrows what it throws, with nothing kept.
    func write<Value: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        let write = PendingWrite(work)
        let leads = queue.withLock { queue in
            queue.writes.append(write)
            defer { queue.hasLeader = true }
            return !queue.hasLeader
        }
        if leads { await commitNextGroup() }
        while true {
            switch await write.next() {
            case .lead: await commitNextGroup()
            case .finished(let result): return try result.get()
            }
        }
    }

    /// Commits the group at the head of the queue, then passes the lead on.
    private func commitNextGroup() async {
        let group = queue.withLock { queue in
            let group = Array(queue.writes.prefix(Self.maximumGroupSize))
            queue.writes.removeFirst(group.count)
            return group
        }
        await commit(group)
        let next = queue.withLock { queue -> (any QueuedWrite)? in
            queue.hasLeader = !queue.writes.isEmpty
            return queue.writes.first
        }
        next?.promote()
    }

    /// Runs a group in one transaction.
    private func commit(_ group: [any QueuedWrite]) async {
        do {
            let staged = try await connection.transaction(begin: begin) { database in
                try await stage(group, on: database)
            }
            for write in staged { write.finish() }
        } catch {
            for write in group { write.fail(error) }
        }
    }

    /// Runs each write of the group and returns those that succeeded. A lone write
    /// that throws rolls the whole transaction back; in a group, it is rolled back
    /// to its savepoint and the others go on.
    private func stage(_ group: [any QueuedWrite], on database: any SQLDatabase) async throws -> [any QueuedWrite] {
        guard group.count > 1 else {
            try await group[0].stage(on: database)
            return group
        }
        var staged: [any QueuedWrite] = []
        for write in group {
            try await database.raw("SAVEPOINT tollgate_write").run()
            do {
                try await write.stage(on: database)
                staged.append(write)
            } catch {
                try await database.raw("ROLLBACK TO SAVEPOINT tollgate_write").run()
            }
            try await database.raw("RELEASE SAVEPOINT tollgate_write").run()
        }
        return staged
    }
}
