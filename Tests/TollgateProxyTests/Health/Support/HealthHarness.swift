import Logging
import NIOCore
import ServiceLifecycle
import TollgateCore

@testable import TollgateProxy

/// A proxy (``ProxyHarness``) and an active health checker sharing one health
/// registry, applying each configuration the way the data plane does.
struct HealthHarness: Sendable {
    let proxy: ProxyHarness
    let checker: ActiveHealthChecker
    let log: RecordingLog

    var registry: TargetHealthRegistry { proxy.health }

    /// Runs `body` against a proxy and a checker serving `config`, then shuts both down.
    static func run<Result>(
        _ config: GatewayConfig, halfOpenBackoff: HalfOpenBackoff = .standard, tls: UpstreamTLS = .systemTrustStore,
        _ body: (HealthHarness) async throws -> Result
    ) async throws -> Result {
        let log = RecordingLog()
        let registry = TargetHealthRegistry(halfOpenBackoff: halfOpenBackoff, logger: log.logger)
        let checker = ActiveHealthChecker(registry: registry, tls: tls, logger: log.logger)
        let services = ServiceGroup(services: [checker], logger: Logger(label: "health.tests") { _ in SwiftLogNoOpLogHandler() })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(
                    try await ProxyHarness.run(config, health: registry) { proxy in
                        let harness = HealthHarness(proxy: proxy, checker: checker, log: log)
                        await harness.apply(config)
                        return try await body(harness)
                    })
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try outcome.get()
        }
    }

    /// Applies a configuration as the data plane does: drops removed targets'
    /// health, publishes the snapshot, and hands the configuration to the checks.
    func apply(_ config: GatewayConfig) async {
        registry.retain(liveIn: config)
        await proxy.publish(config)
        registry.watchRoutedUpstreams(of: config)
        checker.update(config)
    }

    /// The health the API reports for `key` (its upstream has checks on).
    func health(of key: TargetKey) -> TargetHealth {
        registry.health(of: key, checksEnabled: true)
    }

    func isHealthy(_ key: TargetKey) -> Bool { health(of: key).state == .healthy }

    func isUnhealthy(_ key: TargetKey) -> Bool { health(of: key).state == .unhealthy }

    /// Whether a log line contains `text`.
    func logged(_ text: String) -> Bool {
        log.messages.contains { $0.contains(text) }
    }

    /// Sends `count` requests in a row and returns which test upstream answered each (nil: a local answer).
    func answers(_ count: Int, path: String = "/", headers: [(String, String)] = []) async throws -> [String?] {
        var result: [String?] = []
        for _ in 0..<count { result.append(try await proxy.request(path, headers: headers).upstream) }
        return result
    }
}
