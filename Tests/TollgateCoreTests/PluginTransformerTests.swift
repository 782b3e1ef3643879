import Testing
import TollgateCore

@Suite("request-transformer and response-transformer plugins")
struct PluginTransformerTests {
    private static let emptyRequestPart: JSONValue = ["headers": [], "querystring": []]

    @Test func requestTransformerAppliesDefaults() throws {
        let part = Self.emptyRequestPart
        #expect(
            try PluginFixture.config("request-transformer", [:])
                == ["add": part, "append": part, "replace": part, "rename": part, "remove": part])
    }

    @Test func responseTransformerAppliesDefaults() throws {
        let part: JSONValue = ["headers": []]
        #expect(
            try PluginFixture.config("response-transformer", [:])
                == ["add": part, "append": part, "replace": part, "rename": part, "remove": part])
    }

    @Test func requestTransformerRoundTripsAFullConfig() throws {
        let full: JSONValue = [
            "add": ["headers": ["X-Added:1", "X-Empty:", "X-Time:12:30"], "querystring": ["q:two words"]],
            "append": ["headers": ["X-Tag:b"], "querystring": ["tag:b"]],
            "replace": ["headers": ["Host-Alias:api"], "querystring": ["page:1"]],
            "rename": ["headers": ["X-Old:X-New"], "querystring": ["old:new"]],
            "remove": ["headers": ["X-Secret"], "querystring": ["token"]],
        ]
        #expect(try PluginFixture.config("request-transformer", full) == full)
    }

    @Test func fillsMissingListsOfAGivenPart() throws {
        let stored = try PluginFixture.config("request-transformer", ["add": ["headers": ["X-A:1"]]])
        #expect(stored.objectValue?["add"] == ["headers": ["X-A:1"], "querystring": []])
    }

    @Test(
        arguments: [
            (["add": ["headers": ["novalue"]]], "config.add.headers[0]"),
            (["add": ["headers": ["bad name:v"]]], "config.add.headers[0]"),
            (["add": ["headers": [":v"]]], "config.add.headers[0]"),
            (["append": ["headers": ["X-A:line\nbreak"]]], "config.append.headers[0]"),
            (["replace": ["querystring": ["a=b:c"]]], "config.replace.querystring[0]"),
            (["rename": ["headers": ["X-Old"]]], "config.rename.headers[0]"),
            (["rename": ["querystring": ["old:"]]], "config.rename.querystring[0]"),
            (["remove": ["headers": ["X-A:1"]]], "config.remove.headers[0]"),
            (["remove": ["querystring": ["a&b"]]], "config.remove.querystring[0]"),
            (["add": ["body": ["a:1"]]], "config.add.body"),
            (["add": "X-A:1"], "config.add"),
            (["add": ["headers": "X-A:1"]], "config.add.headers"),
            (["uri": "/v2"], "config.uri"),
        ] as [(JSONValue, String)])
    func requestTransformerRefuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("request-transformer", config) == [field])
    }

    @Test func responseTransformerHasNoQueryString() {
        #expect(
            PluginFixture.invalidFields("response-transformer", ["add": ["querystring": ["a:1"]]])
                == ["config.add.querystring"])
        #expect(
            PluginFixture.invalidFields("response-transformer", ["remove": ["headers": ["bad header"]]])
                == ["config.remove.headers[0]"])
    }

    @Test(
        "framing headers cannot be edited: the gateway writes them itself",
        arguments: [
            ("request-transformer", ["remove": ["headers": ["Content-Length"]]], "config.remove.headers[0]"),
            ("request-transformer", ["add": ["headers": ["transfer-encoding:chunked"]]], "config.add.headers[0]"),
            ("request-transformer", ["rename": ["headers": ["X-Length:Content-Length"]]], "config.rename.headers[0]"),
            ("response-transformer", ["replace": ["headers": ["Connection:close"]]], "config.replace.headers[0]"),
            ("response-transformer", ["append": ["headers": ["content-length:0"]]], "config.append.headers[0]"),
        ] as [(String, JSONValue, String)])
    func framingHeadersRefused(plugin: String, config: JSONValue, field: String) {
        let errors = PluginFixture.errors(["name": .string(plugin), "config": config])
        #expect(errors.map(\.field) == [field])
        #expect(errors.first?.message.contains("framing headers") == true)
    }

    @Test func framingHeaderNamesStayUsableInQueryStrings() throws {
        let config: JSONValue = ["add": ["querystring": ["content-length:1"]]]
        #expect(PluginFixture.invalidFields("request-transformer", config).isEmpty)
    }
}
