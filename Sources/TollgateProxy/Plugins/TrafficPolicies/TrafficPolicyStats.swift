import Foundation
import Synchronization
import TollgateCore

/// The counters of canaries and mirrors, kept by the data plane and read by the
/// management API: one registry, created once and given to both the
/// ``RuntimeConfigCompiler`` and the engine.
///
/// Counters are keyed by the canary's or mirror's id, so they survive every
/// snapshot (and a replacement of the entity, which keeps its id); a compile drops
/// those of entities that no longer exist. Safe to use from any thread.
public final class TrafficPolicyStats: Sendable {
    private let canaries = Mutex<[UUID: CanaryStatCells]>([:])
    private let mirrors = Mutex<[UUID: MirrorStatCells]>([:])

    public init() {}

    /// What the data plane counted for the canary with `id` (zero when it has not run it).
    public func canary(_ id: UUID) -> CanaryCounters {
        canaries.withLock { $0[id] }?.counters ?? CanaryCounters()
    }

    /// What the data plane counted for the mirror with `id` (zero when it has not run it).
    public func mirror(_ id: UUID) -> MirrorCounters {
        mirrors.withLock { $0[id] }?.counters ?? MirrorCounters()
    }

    /// The counters of a canary, created the first time.
    func canaryCells(_ id: UUID) -> CanaryStatCells {
        canaries.withLock { cells in
            if let existing = cells[id] { return existing }
            let created = CanaryStatCells()
            cells[id] = created
            return created
        }
    }

    /// The counters of a mirror, created the first time.
    func mirrorCells(_ id: UUID) -> MirrorStatCells {
        mirrors.withLock { cells in
            if let existing = cells[id] { return existing }
            let created = MirrorStatCells()
            cells[id] = created
            return created
        }
    }

    /// Keeps only the counters of the canaries in `ids`.
    func retain(canaries ids: Set<UUID>) {
        canaries.withLock { cells in cells = cells.filter { ids.contains($0.key) } }
    }

    /// Keeps only the counters of the mirrors in `ids`.
    func retain(mirrors ids: Set<UUID>) {
        mirrors.withLock { cells in cells = cells.filter { ids.contains($0.key) } }
    }
}
