import Synchronization
import TollgateCore

/// Specs already decoded from stored bodies, so that reading a row again costs a
/// string comparison instead of a JSON parse and a validation.
///
/// An entry is used only when the row's body is exactly the body it was decoded
/// from, so the cache can never return something the database does not hold.
/// Entries are keyed by row; rows deleted by cascades leave entries behind, so the
/// cache is emptied when it outgrows ``capacity``.
final class SpecCache: Sendable {
    private struct Key: Hashable {
        let table: String
        let id: String
    }

    private struct Entry {
        let body: String
        let spec: any Sendable
    }

    /// Entries kept before the cache starts over.
    let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(capacity: Int = 500_000) {
        self.capacity = capacity
    }

    /// The spec decoded from `body` for this row, when the cache holds it.
    func spec<Spec: EntitySpec>(table: String, id: String, body: String) -> Spec? {
        entries.withLock { entries in
            guard let entry = entries[Key(table: table, id: id)], entry.body == body else { return nil }
            return entry.spec as? Spec
        }
    }

    /// Remembers the spec a row's body decodes to.
    func store<Spec: EntitySpec>(_ spec: Spec, table: String, id: String, body: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(table: table, id: id)] = Entry(body: body, spec: spec)
        }
    }
}
