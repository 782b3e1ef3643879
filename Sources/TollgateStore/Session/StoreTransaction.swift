import Foundation

/// One admin write: reads and writes inside a single transaction that commits as
/// configuration version ``version``.
///
/// Every entity written gets ``version`` as its new etag, and ``now`` as its
/// `updated_at` (and `created_at` when new).
public struct StoreTransaction: StoreReading {
    public let session: StoreSession
    /// The configuration version this write commits as.
    public let version: Int
    /// The time of the write, in whole seconds.
    public let now: Date

    /// The etag of every entity this write touches.
    var etag: String { String(version) }
}
