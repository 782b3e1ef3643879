import Testing
import TollgateCore

@Suite("rate-limiting plugin")
struct PluginRateLimitingTests {
    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("rate-limiting", ["minute": 10])
                == [
                    "second": nil, "minute": 10, "hour": nil, "day": nil, "limit_by": "ip", "header_name": nil,
                    "algorithm": "sliding_window",
                ])
    }

    @Test func roundTripsAFullConfig() throws {
        let full: JSONValue = [
            "second": 5, "minute": 100, "hour": 1000, "day": 10000, "limit_by": "header", "header_name": "X-Client",
            "algorithm": "token_bucket",
        ]
        #expect(try PluginFixture.config("rate-limiting", full) == full)
    }

    @Test(
        arguments: [
            ([:], "config.minute"),
            (["minute": 0], "config.minute"),
            (["second": 10, "minute": 5], "config.minute"),
            (["minute": 1, "limit_by": "consumer"], "config.limit_by"),
            (["minute": 1, "limit_by": "header"], "config.header_name"),
            (["minute": 1, "header_name": "bad name"], "config.header_name"),
            (["minute": 1, "algorithm": "leaky_bucket"], "config.algorithm"),
            (["minute": 1, "policy": "local"], "config.policy"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("rate-limiting", config) == [field])
    }
}
