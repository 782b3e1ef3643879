import Logging
import NIOHTTP1
import ServiceLifecycle
import TollgateCore

/// The Kong engine: the management API answered by an existing Kong cluster
/// through Kong's Admin API (Kong 3.x, and 2.8 where paths differ).
///
/// Kong is the data plane and its database the store; no proxy of Tollgate's own
/// runs. Every call to Kong is bounded by ``KongAdminConfiguration/timeout``; a
/// Kong that cannot be reached answers 500 `Kong Admin API unreachable`. Kong's
/// own errors are translated into Tollgate's (field errors kept), and operations
/// that take several Kong calls are ordered so that a failure half-way leaves
/// Kong consistent, with an error that says what was and was not applied.
public final class KongEngine: GatewayEngine {
    let client: KongAdminClient
    let node = KongNode()
    let configuration: KongAdminConfiguration
    let logger: Logger

    /// - Parameters:
    ///   - configuration: Where Kong's Admin API is and how to call it.
    ///   - logger: Where Kong failures are logged.
    public init(configuration: KongAdminConfiguration, logger: Logger) {
        self.configuration = configuration
        self.client = KongAdminClient(configuration: configuration, logger: logger)
        self.logger = logger
    }

    /// - Parameters:
    ///   - adminURL: Kong's Admin API, e.g. `http://127.0.0.1:8001`.
    ///   - timeout: The limit of every call to Kong.
    ///   - logger: Where Kong failures are logged.
    public convenience init(adminURL: String, timeout: Duration = .seconds(5), logger: Logger) {
        self.init(configuration: KongAdminConfiguration(adminURL: adminURL, timeout: timeout), logger: logger)
    }

    /// Closes the connections to Kong.
    public func shutdown() async {
        await client.shutdown()
    }

    /// Kong's version and edition, detected from `GET /` (again after Kong was unreachable).
    public func nodeInfo() async throws(GatewayError) -> KongNodeInfo {
        do {
            return try await node.info(using: client)
        } catch {
            await node.forget()
            throw error
        }
    }

    /// `GET /status`: `kong_admin` is `ok` when Kong answers and its database is reachable.
    public func health() async -> EngineHealth {
        var state = "unreachable"
        if let response = try? await send(.GET, "/status"), response.isSuccess {
            let databaseReachable = response.body["database"]?["reachable"]?.boolValue ?? true
            state = databaseReachable ? "ok" : "database_unreachable"
            _ = try? await nodeInfo()
        }
        return EngineHealth(engine: "kong", configVersion: nil, checks: ["kong_admin": state], isServing: state == "ok")
    }
}

extension KongEngine: Service {
    /// Detects Kong's version and edition, runs until graceful shutdown, then closes the connections to Kong.
    public func run() async throws {
        do {
            let info = try await nodeInfo()
            logger.info(
                "Kong detected",
                metadata: ["version": "\(info.version)", "edition": "\(info.isEnterprise ? "enterprise" : "community")"])
        } catch {
            logger.warning("Kong Admin API not reachable at start; will retry on the next call", metadata: ["error": "\(error)"])
        }
        try? await gracefulShutdown()
        await shutdown()
    }
}
