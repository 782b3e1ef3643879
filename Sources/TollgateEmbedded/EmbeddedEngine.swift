import Foundation
import Logging
import TollgateCore
import TollgateProxy
import TollgateStore

/// The embedded engine: the configuration in Tollgate's own store, runtime state in
/// the data plane's registries.
///
/// Every write is one store transaction that bumps the configuration version; the
/// data plane follows ``configChanges()`` and reads ``configuration()`` to compile
/// its next snapshot.
public final class EmbeddedEngine: GatewayEngine {
    let store: ConfigStore
    /// Target health, shared with the data plane's balancers.
    public let healthRegistry: TargetHealthRegistry
    /// What the data plane counts for canaries and mirrors, shown by their GETs.
    public let trafficStats: TrafficPolicyStats
    let logger: Logger

    /// - Parameters:
    ///   - store: The configuration store (migrated).
    ///   - healthRegistry: Target health shared with the data plane.
    ///   - trafficStats: Canary and mirror counters, shared with the data plane's compiler.
    ///   - logger: Where the engine logs store failures.
    public init(
        store: ConfigStore, healthRegistry: TargetHealthRegistry = TargetHealthRegistry(),
        trafficStats: TrafficPolicyStats = TrafficPolicyStats(), logger: Logger
    ) {
        self.store = store
        self.healthRegistry = healthRegistry
        self.trafficStats = trafficStats
        self.logger = logger
    }

    /// Opens the SQLite store at `sqlitePath` (creating the file and its directories
    /// when needed), brings its schema up to date, and returns an engine on it.
    /// - Parameters:
    ///   - sqlitePath: The database file.
    ///   - durability: What an acknowledged write survives (see ``SQLiteDurability``).
    ///   - trafficStats: Canary and mirror counters, shared with the data plane's compiler.
    ///   - logger: Where the engine and the store log.
    public static func open(
        sqlitePath: String, durability: SQLiteDurability = .powerLoss,
        trafficStats: TrafficPolicyStats = TrafficPolicyStats(), logger: Logger
    ) async throws -> EmbeddedEngine {
        let store = try await ConfigStore.sqlite(path: sqlitePath, durability: durability, logger: logger)
        return EmbeddedEngine(store: store, trafficStats: trafficStats, logger: logger)
    }

    /// Closes the store once the writes in progress are done; calls after it fail with a backend error.
    public func shutdown() async {
        await store.close()
    }

    /// The configuration versions committed from now on (see ``ConfigStore/changes()``).
    public func configChanges() -> AsyncStream<Int> {
        store.changes()
    }

    /// The whole current configuration, for compiling the data plane's snapshot.
    public func configuration() async throws(GatewayError) -> GatewayConfig {
        try await reading { try await $0.configuration() }
    }
}
