import Testing
import TollgateCore

@Suite("Plugin catalog")
struct PluginCatalogTests {
    @Test func listsTheElevenBuiltInPlugins() {
        #expect(
            PluginCatalog.names == [
                "correlation-id", "cors", "http-log", "ip-restriction", "jwt", "key-auth", "prometheus",
                "rate-limiting", "request-size-limiting", "request-transformer", "response-transformer",
            ])
    }

    @Test func refusesAnUnknownPluginName() {
        let errors = PluginFixture.errors(["name": "bot-detection", "config": [:]])
        #expect(errors.map(\.field) == ["name"])
        #expect(errors.first?.message.hasPrefix("names no built-in plugin; use one of correlation-id, cors") == true)
    }

    @Test func refusesAConfigThatIsNotAnObject() {
        #expect(PluginFixture.errors(["name": "cors", "config": ["*"]]).map(\.field) == ["config"])
    }

    @Test(
        arguments: [
            ("correlation-id", [:]), ("cors", [:]), ("http-log", ["http_endpoint": "http://127.0.0.1:9000/logs"]),
            ("ip-restriction", ["deny": ["192.0.2.0/24"]]), ("jwt", ["jwks_url": "https://idp.example.com/jwks"]),
            ("key-auth", ["keys": [["key": "s3cret-key-1", "tenant": "acme"]]]), ("prometheus", [:]),
            ("rate-limiting", ["hour": 100]), ("request-size-limiting", [:]), ("request-transformer", [:]),
            ("response-transformer", [:]),
        ] as [(String, JSONValue)])
    func storedConfigReadsBackUnchanged(name: String, config: JSONValue) throws {
        try PluginFixture.expectStable(name, try PluginFixture.config(name, config))
    }

    @Test func reportsUnknownConfigFieldsOfEveryPlugin() {
        for name in PluginCatalog.names {
            #expect(PluginFixture.invalidFields(name, ["no_such_field": 1]).contains("config.no_such_field"))
        }
    }

    @Test func correlationIDAppliesDefaults() throws {
        #expect(
            try PluginFixture.config("correlation-id", [:])
                == ["header_name": "X-Request-ID", "generator": "uuid", "echo_downstream": true])
    }

    @Test func prometheusAppliesDefaultsAndChecksTypes() throws {
        #expect(try PluginFixture.config("prometheus", [:]) == ["per_consumer": false])
        #expect(try PluginFixture.config("prometheus", ["per_consumer": true]) == ["per_consumer": true])
        #expect(PluginFixture.invalidFields("prometheus", ["per_consumer": 1]) == ["config.per_consumer"])
    }

    @Test func requestSizeLimitingAppliesDefaultsAndRoundTrips() throws {
        #expect(
            try PluginFixture.config("request-size-limiting", [:])
                == ["allowed_payload_size": 128, "size_unit": "megabytes", "require_content_length": false])
        let full: JSONValue = ["allowed_payload_size": 10, "size_unit": "kilobytes", "require_content_length": true]
        #expect(try PluginFixture.config("request-size-limiting", full) == full)
    }

    @Test(
        arguments: [
            (["allowed_payload_size": 0], "config.allowed_payload_size"),
            (["allowed_payload_size": .double(1.5)], "config.allowed_payload_size"),
            (["size_unit": "gigabytes"], "config.size_unit"),
            (["require_content_length": "no"], "config.require_content_length"),
        ] as [(JSONValue, String)])
    func requestSizeLimitingRefuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("request-size-limiting", config) == [field])
    }
}
