import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("rate-limiting configuration")
struct RateLimitingConfigTests {
    private static func stored(_ config: JSONValue) throws -> StoredPluginConfig {
        try StoredPluginConfig(PluginSpec.validated(RateLimitingSchema.name, config: config).config, plugin: "rate-limiting")
    }

    @Test("a stored configuration reads into its windows, algorithm and subject")
    func reads() throws {
        let config = try Self.stored([
            "second": 2, "hour": 50, "limit_by": "header", "header_name": "X-Key", "algorithm": "token_bucket",
        ])
        #expect(
            try RateLimitPolicy(config)
                == RateLimitPolicy(windows: RateLimitWindows(limits: [.second: 2, .hour: 50]), algorithm: .tokenBucket))
        #expect(try RateLimitSubject(config, tenantHeader: "X-Org") == .header("X-Key"))
    }

    @Test("defaults: sliding window, counted by client address; tenant uses the tenant header")
    func defaults() throws {
        let config = try Self.stored(["minute": 5])
        #expect(try RateLimitPolicy(config).algorithm == .slidingWindow)
        #expect(try RateLimitSubject(config, tenantHeader: "X-Org") == .ip)
        let tenant = try Self.stored(["minute": 5, "limit_by": "tenant"])
        #expect(try RateLimitSubject(tenant, tenantHeader: "X-Org") == .tenant(header: "X-Org"))
    }

    @Test("a stored configuration its schema could not have written is refused, naming the field")
    func refusesBrokenConfig() throws {
        let broken = try StoredPluginConfig(["minute": 5, "algorithm": "leaky_bucket", "limit_by": "ip"], plugin: "rate-limiting")
        #expect(throws: StoredConfigError.self) { try RateLimitPolicy(broken) }
        let noWindow = try StoredPluginConfig(["algorithm": "fixed_window"], plugin: "rate-limiting")
        let error = #expect(throws: StoredConfigError.self) { try RateLimitPolicy(noWindow) }
        #expect(error?.field == "config.minute")
    }
}
