import NIOHTTP1
import TollgateCore

@testable import TollgateProxy

/// Traffic helpers for the rate-limit proxy tests.
enum ProxyRateLimitTraffic {
    /// The built-in plugins, with `rate-limiting` among them.
    static let factories = BuiltInPlugins.factories.merging([RateLimitingSchema.name: RateLimitingPlugin.factory]) {
        _, rateLimiting in rateLimiting
    }

    /// How many requests of a burst were answered 200 and 429.
    struct Outcome: Equatable {
        var ok: Int
        var limited: Int
    }

    /// Sends `count` requests at once.
    static func burst(
        _ proxy: ProxyHarness, count: Int, path: String = "/", headers: [(String, String)] = []
    ) async throws -> Outcome {
        let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
            for _ in 0..<count {
                group.addTask { try await proxy.request(path, headers: headers).status }
            }
            return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
        }
        return Outcome(ok: statuses.count { $0 == .ok }, limited: statuses.count { $0 == .tooManyRequests })
    }

    /// The statuses of requests sent one after another.
    static func sequence(
        _ proxy: ProxyHarness, _ requests: [(path: String, headers: [(String, String)])]
    ) async throws -> [UInt] {
        var codes: [UInt] = []
        for request in requests {
            codes.append(try await proxy.request(request.path, headers: request.headers).status.code)
        }
        return codes
    }

    /// A `rate-limiting` plugin as the admin API stores it.
    static func plugin(
        _ config: JSONValue, service: String? = nil, route: String? = nil
    ) throws -> PluginSpec {
        try PluginSpec.validated(RateLimitingSchema.name, service: service, route: route, config: config)
    }
}
