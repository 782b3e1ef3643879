import Testing
import TollgateCore

@Suite("ip-restriction plugin")
struct PluginIPRestrictionTests {
    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("ip-restriction", ["allow": ["10.0.0.0/8"]])
                == [
                    "allow": ["10.0.0.0/8"], "deny": [], "trusted_proxies": [], "status": 403,
                    "message": "Your IP address is not allowed",
                ])
    }

    @Test func roundTripsAFullConfig() throws {
        let full: JSONValue = [
            "allow": ["192.0.2.7", "10.0.0.0/8", "2001:db8::/32", "::1", "0.0.0.0/0"],
            "deny": ["10.1.0.0/16", "::/0"], "trusted_proxies": ["127.0.0.1/32", "::ffff:10.0.0.0/104"],
            "status": 401, "message": "Go away",
        ]
        #expect(try PluginFixture.config("ip-restriction", full) == full)
    }

    @Test(
        arguments: [
            ([:], "config.allow"),
            (["allow": [], "deny": []], "config.allow"),
            (["allow": ["256.0.0.1"]], "config.allow[0]"),
            (["allow": ["10.0.0.0/33"]], "config.allow[0]"),
            (["allow": ["2001:db8::/129"]], "config.allow[0]"),
            (["allow": ["10.0.0.0/"]], "config.allow[0]"),
            (["allow": ["10.0.0.0/08"]], "config.allow[0]"),
            (["allow": ["01.2.3.4"]], "config.allow[0]"),
            (["allow": ["10.0.0"]], "config.allow[0]"),
            (["allow": ["1::2::3"]], "config.allow[0]"),
            (["allow": ["fe80::1%eth0"]], "config.allow[0]"),
            (["allow": ["1:2:3:4:5:6:7:8:9"]], "config.allow[0]"),
            (["allow": ["10.0.0.1"], "deny": ["example.com"]], "config.deny[0]"),
            (["allow": ["10.0.0.1"], "trusted_proxies": ["proxy"]], "config.trusted_proxies[0]"),
            (["allow": ["10.0.0.1"], "status": 200], "config.status"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("ip-restriction", config) == [field])
    }
}
