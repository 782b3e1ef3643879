import Testing
import TollgateCore

@testable import TollgateKong

/// The Kong engine's pure mappings: tags, canary weights, error translation, paths.
@Suite("Kong mappings")
struct KongMappingTests {
    @Test("bookkeeping tags round-trip any payload through Kong's tag alphabet")
    func tags() {
        let tag = KongTags.tag("canary", payload: #"{"a": "ü/,"}"#)
        #expect(tag.allSatisfy { $0.isLetter || $0.isNumber || "-._~".contains($0) })
        #expect(KongTags.payload("canary", in: ["team-a", tag]) == #"{"a": "ü/,"}"#)
        #expect(KongTags.removing("canary", from: ["team-a", tag]) == ["team-a"])
        #expect(KongEntity.userTags(["tags": ["team-a", .string(tag)]]) == ["team-a"])
    }

    @Test("canary weights keep stable proportions and give the canary its share")
    func canaryWeights() {
        let weights = CanaryWeights(originals: ["a:80": 300, "b:80": 100], canaryTargets: ["c:80", "d:80"], percentage: 25)
        #expect(weights.stable == ["a:80": 225, "b:80": 75])
        #expect(weights.canary == ["c:80": 50, "d:80": 50])
        let all = CanaryWeights(originals: ["a:80": 100], canaryTargets: ["c:80"], percentage: 100)
        #expect(all.stable == ["a:80": 0])
        #expect(all.canary == ["c:80": 100])
    }

    @Test("Kong's nested field errors become dotted Tollgate fields, renamed")
    func fieldErrors() {
        let translator = KongErrorTranslator(renamedFields: UpstreamMapping.renamedFields, notFound: "gone")
        let body: JSONValue = [
            "code": 2, "name": "schema violation",
            "fields": ["healthchecks": ["active": ["timeout": "must be positive"]], "@entity": ["bad combination"]],
        ]
        let error = translator.error(for: KongResponse(status: 400, body: body), call: "PUT /upstreams/u")
        #expect(error == .invalid([
            FieldError(field: "body", message: "bad combination"),
            FieldError(field: "healthchecks.active.timeout_s", message: "must be positive"),
        ]))
        #expect(translator.error(for: KongResponse(status: 404, body: ["message": "Not found"]), call: "") == .notFound("gone"))
        guard case .conflict = translator.error(for: KongResponse(status: 409, body: [:]), call: "") else {
            Issue.record("409 is not a conflict")
            return
        }
    }

    @Test("path segments are percent-encoded")
    func paths() {
        #expect(KongPath.segment("[::1]:8080") == "%5B%3A%3A1%5D%3A8080")
        #expect(KongPath.entity("services", "orders.v1~x") == "/services/orders.v1~x")
    }

    @Test("plugin configs: renamed to Kong's names and back through Tollgate's schema")
    func pluginConfig() throws {
        let mapping = PluginConfigMapping.of("http-log")
        let kong = try mapping.kong(["http_endpoint": "http://logs:80/in", "timeout_ms": 900, "flush_timeout_s": .double(2)])
        #expect(kong["timeout"] == 900)
        #expect(kong["flush_timeout"] == JSONValue.double(2))
        let back = mapping.tollgate(kong, plugin: "http-log")
        #expect(back["timeout_ms"] == 900)
        #expect(back["queue_size"] == 10000)
        #expect(throws: GatewayError.self) { try PluginConfigMapping.of("jwt").kong([:]) }
    }
}
