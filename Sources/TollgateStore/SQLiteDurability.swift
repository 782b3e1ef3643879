/// How far an acknowledged write to an SQLite store is guaranteed to survive.
///
/// Both settings run the database in WAL mode, where a committed transaction is in
/// the WAL file before it is acknowledged.
public enum SQLiteDurability: String, Sendable, CaseIterable {
    /// `synchronous=FULL`: every commit is synced to disk before it is acknowledged,
    /// so it survives a crash of the process, the OS or the machine. Each commit
    /// waits for the disk; concurrent writes share that wait (group commit).
    case powerLoss = "power-loss"
    /// `synchronous=NORMAL`: commits are written to the OS but synced only at
    /// checkpoints; they survive a crash (or `kill -9`) of the process, but the last
    /// ones may be lost when the OS or the machine goes down. Faster for one client.
    case processCrash = "process-crash"

    /// The `PRAGMA synchronous` value.
    var synchronous: String {
        switch self {
        case .powerLoss: "FULL"
        case .processCrash: "NORMAL"
        }
    }
}
