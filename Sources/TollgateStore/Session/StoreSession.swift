import SQLKit

/// Read access to the store, shared by read sessions and write transactions.
///
/// Everything read through one value comes from one transaction, so several
/// reads see one consistent configuration.
public protocol StoreReading: Sendable {
    /// The session the reads go through.
    var session: StoreSession { get }
}

/// A read-only view of the store inside one transaction.
public struct StoreSession: StoreReading {
    let database: any SQLDatabase
    let specs: SpecCache

    public var session: StoreSession { self }
}
