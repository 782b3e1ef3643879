import Foundation
import Logging
import NIOCore
import Synchronization
import TollgateCore

/// The health of every upstream target, shared by the management API, the
/// balancers, the passive checks of the proxy and the active checker.
///
/// State is keyed by entity ids (``TargetKey``), so it outlives configuration
/// snapshots: a change keeps it, a removed target loses it, a target added again
/// (a new id) starts fresh. Each target's state is a ``TargetHealthCell`` that
/// snapshots resolve when they are compiled, so a request never looks a target
/// up. Safe to use from any thread.
public final class TargetHealthRegistry: Sendable {
    private let cells = Mutex<[UUID: [UUID: TargetHealthCell]]>([:])
    let routed = Mutex<[RoutedUpstream]>([])
    private let backoff: HalfOpenBackoff
    private let log: HealthTransitionLog

    /// - Parameters:
    ///   - halfOpenBackoff: How long targets ejected by passive checks alone wait for a trial.
    ///   - logger: Where health transitions are logged.
    public init(halfOpenBackoff: HalfOpenBackoff = .standard, logger: Logger = Logger(label: "tollgate.health")) {
        backoff = halfOpenBackoff
        log = HealthTransitionLog(logger: logger)
    }

    /// The current health of a target.
    ///
    /// - Parameters:
    ///   - key: The target.
    ///   - checksEnabled: Whether its upstream has health checks on: a target no
    ///     check or mark has decided is then `HEALTHY`, else `HEALTHCHECKS_OFF`.
    public func health(of key: TargetKey, checksEnabled: Bool) -> TargetHealth {
        guard let cell = cells.withLock({ $0[key.upstream]?[key.target] }) else {
            return checksEnabled ? TargetHealth(state: .healthy, source: .none, since: nil) : .off
        }
        return cell.health(checksEnabled: checksEnabled)
    }

    /// Marks a target healthy or unhealthy by hand, effective for the next request;
    /// the mark holds until a health check's next transition for the target.
    ///
    /// Marking a target with the state it already has keeps the original `since`.
    /// - Parameters:
    ///   - key: The target.
    ///   - healthy: The new state.
    ///   - date: When the state was entered.
    public func mark(_ key: TargetKey, healthy: Bool, at date: Date) {
        cell(for: key).mark(healthy: healthy, at: HealthInstant(date: date, uptime: .now()))
    }

    /// Drops the state of a removed target; its checks stop at once.
    public func forget(_ key: TargetKey) {
        let removed = cells.withLock { cells in
            let cell = cells[key.upstream]?.removeValue(forKey: key.target)
            if cells[key.upstream]?.isEmpty == true { cells[key.upstream] = nil }
            return cell
        }
        removed?.retire()
    }

    /// Drops the state of a removed upstream and all its targets.
    public func forget(upstream: UUID) {
        let removed = cells.withLock { $0.removeValue(forKey: upstream) }
        for cell in removed?.values ?? [:].values { cell.retire() }
    }

    /// Drops the state of every target that `config` no longer has.
    public func retain(liveIn config: GatewayConfig) {
        let live = Set(config.targets.map { TargetKey(upstream: $0.owner.id, target: $0.entity.metadata.id) })
        let removed = cells.withLock { cells in
            var removed: [TargetHealthCell] = []
            for (upstream, targets) in cells {
                for (target, cell) in targets where !live.contains(TargetKey(upstream: upstream, target: target)) {
                    removed.append(cell)
                }
            }
            for cell in removed {
                cells[cell.key.upstream]?[cell.key.target] = nil
                if cells[cell.key.upstream]?.isEmpty == true { cells[cell.key.upstream] = nil }
            }
            return removed
        }
        for cell in removed { cell.retire() }
    }

    /// The state of a target, created (usable, no verdict) when it has none.
    func cell(for key: TargetKey) -> TargetHealthCell {
        cells.withLock { cells in
            if let cell = cells[key.upstream]?[key.target] { return cell }
            let cell = TargetHealthCell(key: key, backoff: backoff, log: log)
            cells[key.upstream, default: [:]][key.target] = cell
            return cell
        }
    }
}
