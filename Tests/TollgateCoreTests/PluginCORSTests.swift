import Testing
import TollgateCore

@Suite("cors plugin")
struct PluginCORSTests {
    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("cors", [:])
                == [
                    "origins": ["*"],
                    "methods": ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"],
                    "headers": [], "exposed_headers": [], "credentials": false, "max_age": nil,
                    "preflight_continue": false,
                ])
    }

    @Test func roundTripsAFullConfig() throws {
        let full: JSONValue = [
            "origins": [
                "https://app.example.com", "http://localhost:3000", "~^https://[a-z]+\\.example\\.org$",
                "https://[2001:db8::1]:8443",
            ],
            "methods": ["GET", "POST"], "headers": ["Content-Type", "Authorization"],
            "exposed_headers": ["X-Request-ID"], "credentials": true, "max_age": 3600, "preflight_continue": true,
        ]
        #expect(try PluginFixture.config("cors", full) == full)
    }

    @Test(
        arguments: [
            (["origins": ["https://app.example.com", "https://app.example.com/path"]], "config.origins[1]"),
            (["origins": ["https://app.example.com/"]], "config.origins[0]"),
            (["origins": ["~(unclosed"]], "config.origins[0]"),
            (["origins": ["~"]], "config.origins[0]"),
            (["origins": ["null"]], "config.origins[0]"),
            (["origins": ["app.example.com"]], "config.origins[0]"),
            (["origins": ["https://app.example.com:99999"]], "config.origins[0]"),
            (["origins": []], "config.origins"),
            (["origins": "https://app.example.com"], "config.origins"),
            (["methods": ["get"]], "config.methods[0]"),
            (["headers": ["bad header"]], "config.headers[0]"),
            (["exposed_headers": [1]], "config.exposed_headers[0]"),
            (["max_age": -1], "config.max_age"),
            (["credentials": "yes"], "config.credentials"),
            (["preflight_continue": 1], "config.preflight_continue"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("cors", config) == [field])
    }

    @Test func explainsABadRegularExpression() {
        let errors = PluginFixture.errors(["name": "cors", "config": ["origins": ["~(unclosed"]]])
        #expect(errors.first?.message.hasPrefix("must be a valid regular expression after ~") == true)
    }
}
