import Foundation
import Testing

@testable import TollgateCore

@Suite("validation primitives")
struct ValidationTests {
    @Test("JSON numbers keep integers apart from fractions, and integral doubles read as integers")
    func numbers() throws {
        let value = try JSONCoding.parse(Array(#"{"a": 1, "b": 1.5, "c": 2.0, "d": true}"#.utf8))
        let members = try #require(value.objectValue)
        #expect(members["a"] == .int(1))
        #expect(members["b"] == .double(1.5))
        #expect(members["c"]?.intValue == 2)
        #expect(members["d"] == .bool(true))
        #expect(members["d"]?.intValue == nil)
    }

    @Test("non-JSON bodies are a field error on body")
    func notJSON() {
        #expect(throws: GatewayError.invalid([FieldError(field: "body", message: "is not valid JSON")])) {
            try JSONCoding.parse(Array("{nope".utf8))
        }
    }

    @Test("every wrong field is reported at once, with dotted paths, unknown fields included")
    func collectsEveryError() {
        let body: JSONValue = ["name": "ok", "port": "80", "extra": 1, "healthchecks": ["active": ["timeout_s": -1]]]
        #expect(throws: GatewayError.self) { try ServiceSpec.parse(body) }
        do {
            _ = try UpstreamUpsert.parse(["name": "u", "healthchecks": ["active": ["timeout_s": -1, "bogus": 1]], "x": 1])
            Issue.record("expected a validation error")
        } catch {
            guard case .invalid(let errors) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(Set(errors.map(\.field)) == ["healthchecks.active.timeout_s", "healthchecks.active.bogus", "x"])
        }
    }

    @Test("null counts as absent so the default applies")
    func nullIsDefault() throws {
        let spec = try ServiceSpec.parse(["name": "s", "host": "example.com", "retries": nil])
        #expect(spec.retries == 5)
        #expect(spec.port == 80)
    }

    @Test(
        "service url parsing",
        arguments: [
            ("http://orders.internal:8080/v1", "http", "orders.internal", 8080, "/v1"),
            ("https://API.example.com", "https", "api.example.com", 443, nil),
            ("http://[::1]:9000/x", "http", "::1", 9000, "/x"),
        ] as [(String, String, String, Int, String?)])
    func urls(text: String, scheme: String, host: String, port: Int, path: String?) throws {
        let spec = try ServiceSpec.parse(["name": "s", "url": .string(text)])
        #expect(spec.scheme.rawValue == scheme)
        #expect(spec.host == host)
        #expect(spec.port == port)
        #expect(spec.path == path)
    }

    @Test("bad urls and url mixed with parts are refused", arguments: ["ftp://x", "http://", "http://a:0", "http://a/b?q=1", "http://u@a"])
    func badURLs(text: String) {
        #expect(throws: GatewayError.self) { try ServiceSpec.parse(["name": "s", "url": .string(text)]) }
        #expect(throws: GatewayError.self) { try ServiceSpec.parse(["name": "s", "url": "http://a", "port": 80]) }
    }

    @Test("target addresses are canonical, IPv6 bracketed, port 8000 by default")
    func targets() {
        #expect(TargetSpec.canonicalAddress("Example.COM:80") == "example.com:80")
        #expect(TargetSpec.canonicalAddress("10.0.0.5") == "10.0.0.5:8000")
        #expect(TargetSpec.canonicalAddress("[::1]:8080") == "[::1]:8080")
        #expect(TargetSpec.canonicalAddress("[::1") == nil)
        #expect(TargetSpec.canonicalAddress("a:70000") == nil)
    }

    @Test("route hosts take one wildcard label at the start or the end")
    func routeHosts() {
        #expect(RouteSpec.checkHost("*.example.org") == nil)
        #expect(RouteSpec.checkHost("example.*") == nil)
        #expect(RouteSpec.checkHost("api.example.com:8443") == nil)
        #expect(RouteSpec.checkHost("a.*.example.org") != nil)
        #expect(RouteSpec.checkHost("*.*.org") != nil)
        #expect(RouteSpec.checkPath("~/orders/\\d+$") == nil)
        #expect(RouteSpec.checkPath("~/orders/(") != nil)
        #expect(RouteSpec.checkPath("orders") != nil)
    }

    @Test("If-Match accepts the current etag, quoted or weak, or *, and refuses the rest")
    func ifMatch() throws {
        try Precondition.check(nil, current: nil)
        try Precondition.check("\"7\"", current: "7")
        try Precondition.check("W/\"7\", \"8\"", current: "8")
        try Precondition.check("*", current: "3")
        #expect(throws: GatewayError.self) { try Precondition.check("\"6\"", current: "7") }
        #expect(throws: GatewayError.self) { try Precondition.check("*", current: nil) }
    }

    @Test("canary steps raise the percentage per elapsed interval up to until")
    func canarySteps() throws {
        let spec = try CanarySpec.parse(["upstream": "v2", "percentage": 10, "steps": ["increment": 15, "interval_s": 60, "until": 50]])
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(spec.percentage(at: start, since: start) == 10)
        #expect(spec.percentage(at: start.addingTimeInterval(59), since: start) == 10)
        #expect(spec.percentage(at: start.addingTimeInterval(60), since: start) == 25)
        #expect(spec.percentage(at: start.addingTimeInterval(3600), since: start) == 50)
        #expect(throws: GatewayError.self) {
            try CanarySpec.parse(["upstream": "v2", "percentage": 60, "steps": ["increment": 5, "interval_s": 60, "until": 50]])
        }
    }

    @Test("rate-limit windows must not shrink as they lengthen")
    func windows() {
        #expect(throws: GatewayError.self) { try TenantRateLimitSpec.parse(["second": 10, "minute": 5]) }
        #expect(throws: GatewayError.self) { try TenantRateLimitSpec.parse([:]) }
        #expect((try? TenantRateLimitSpec.parse(["minute": 600, "hour": 20000]))?.windows.limits[.minute] == 600)
    }

    @Test("merging overlays objects key by key")
    func merging() {
        let base: JSONValue = ["a": 1, "nested": ["x": 1, "y": 2]]
        #expect(base.merging(["nested": ["y": 3], "b": 2]) == ["a": 1, "b": 2, "nested": ["x": 1, "y": 3]])
    }
}
