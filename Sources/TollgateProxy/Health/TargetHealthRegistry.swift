import Foundation
import Synchronization
import TollgateCore

/// The health of every upstream target, shared by the management API and the data plane.
///
/// State is keyed by entity ids (``TargetKey``), so it outlives configuration
/// snapshots. For now it holds manual overrides only; a target without one reports
/// ``TargetHealth/off`` (health checks come later). Safe to use from any thread.
public final class TargetHealthRegistry: Sendable {
    private let marks = Mutex<[UUID: [UUID: ManualHealthMark]]>([:])
    /// How many upstreams have state, kept beside `marks` so that the data plane's
    /// per-pick lookups take no lock while no target has any (the common case).
    private let upstreamsWithState = Atomic<Int>(0)

    public init() {}

    /// The current health of a target.
    public func health(of key: TargetKey) -> TargetHealth {
        guard upstreamsWithState.load(ordering: .acquiring) > 0 else { return .off }
        return marks.withLock { $0[key.upstream]?[key.target] }?.health ?? .off
    }

    /// Marks a target healthy or unhealthy by hand; the mark holds until changed or forgotten.
    ///
    /// Marking a target with the state it already has keeps the original `since`.
    /// - Parameters:
    ///   - key: The target.
    ///   - healthy: The new state.
    ///   - date: When the state was entered.
    public func mark(_ key: TargetKey, healthy: Bool, at date: Date) {
        marks.withLock { marks in
            if marks[key.upstream]?[key.target]?.healthy == healthy { return }
            marks[key.upstream, default: [:]][key.target] = ManualHealthMark(healthy: healthy, since: date)
            upstreamsWithState.store(marks.count, ordering: .releasing)
        }
    }

    /// Drops the state of a removed target.
    public func forget(_ key: TargetKey) {
        marks.withLock { marks in
            marks[key.upstream]?[key.target] = nil
            if marks[key.upstream]?.isEmpty == true { marks[key.upstream] = nil }
            upstreamsWithState.store(marks.count, ordering: .releasing)
        }
    }

    /// Drops the state of a removed upstream and all its targets.
    public func forget(upstream: UUID) {
        marks.withLock { marks in
            marks[upstream] = nil
            upstreamsWithState.store(marks.count, ordering: .releasing)
        }
    }
}
