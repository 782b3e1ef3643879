import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `key-auth` through real traffic: keys in headers and query strings, tenants,
/// hidden credentials and every 401.
@Suite("key-auth plugin")
struct KeyAuthPluginTests {
    static let keys: JSONValue = [
        ["key": "acme-key-0123456789", "tenant": "acme"], ["key": "globex-key-0123456789", "tenant": "globex"],
    ]

    static func plugin(_ extra: [String: JSONValue] = [:]) throws -> PluginSpec {
        var config: [String: JSONValue] = ["keys": keys]
        config.merge(extra) { $1 }
        return try PluginSpec.validated("key-auth", config: .object(config))
    }

    @Test("a known key in the header goes through with its tenant; the key is hidden from the upstream")
    func headerKey() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try Self.plugin()], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request(
                "/x", headers: [("ApiKey", "globex-key-0123456789"), ("X-Tenant-ID", "acme")])
            #expect(response.status == .ok)
            let report = try response.report()
            #expect(report.values("apikey").isEmpty)
            #expect(report.values("x-tenant-id") == ["globex"])
        }
    }

    @Test("a key in the query string works too, and is removed from the upstream's query")
    func queryKey() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try Self.plugin()], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let response = try await proxy.request("/x?a=1&apikey=acme%2Dkey-0123456789&b=2")
            #expect(response.status == .ok)
            let report = try response.report()
            #expect(report.uri == "/x?a=1&b=2")
            #expect(report.values("x-tenant-id") == ["acme"])
            #expect(try await proxy.request("/x?apikey=acme-key-0123456789").report().uri == "/x")
        }
    }

    @Test("with hide_credentials false the upstream sees the key; custom key names are honoured")
    func visibleKey() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try Self.plugin(["hide_credentials": false, "key_names": ["x-api-key", "token"]])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let header = try await proxy.request("/x", headers: [("X-API-Key", "acme-key-0123456789")])
            #expect(try header.report().values("x-api-key") == ["acme-key-0123456789"])
            let query = try await proxy.request("/x?token=globex-key-0123456789")
            #expect(try query.report().uri == "/x?token=globex-key-0123456789")
            #expect(try query.report().values("x-tenant-id") == ["globex"])
            #expect(try await proxy.request("/x", headers: [("apikey", "acme-key-0123456789")]).status == .unauthorized)
        }
    }

    @Test("no key, an unknown key, an empty key or two keys answer 401 with a Key challenge; nothing reaches the upstream")
    func rejected() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        try await SingleRouteGateway.run([try Self.plugin()], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let cases: [(String, [(String, String)], String)] = [
                ("/x", [], "no API key found: send it in the header or query parameter 'apikey'"),
                ("/x", [("apikey", "")], "no API key found: send it in the header or query parameter 'apikey'"),
                ("/x", [("apikey", "wrong-key-0123456789")], "invalid authentication credentials"),
                ("/x?apikey=acme-key-012345678", [], "invalid authentication credentials"),
                ("/x", [("apikey", "acme-key-0123456789"), ("apikey", "globex-key-0123456789")],
                    "several API keys were sent; send exactly one"),
                ("/x?apikey=acme-key-0123456789&apikey=acme-key-0123456789", [],
                    "several API keys were sent; send exactly one"),
            ]
            for (path, headers, detail) in cases {
                let response = try await proxy.request(path, headers: headers)
                #expect(response.status == .unauthorized, "\(path) \(headers)")
                #expect(response.headers["www-authenticate"] == [#"Key realm="tollgate""#])
                #expect(try response.problem().detail == detail)
            }
            #expect(upstream.log.requests.isEmpty)
        }
    }

    @Test("a PATCHed key list applies to the next request; stored digests (key_sha256) authenticate the same")
    func patchedKeys() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        let original = try Self.plugin()
        let id = builder.add(plugin: original)
        try await ProxyHarness.run(builder.build()) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/x", headers: [("apikey", "acme-key-0123456789")]).status == .ok)
            let patched = try original.patched(with: ["config": ["keys": [["key": "initech-key-0123456789", "tenant": "initech"]]]])
            builder.replace(plugin: id, with: patched)
            await proxy.publish(builder.build())
            #expect(try await proxy.request("/x", headers: [("apikey", "acme-key-0123456789")]).status == .unauthorized)
            let response = try await proxy.request("/x", headers: [("apikey", "initech-key-0123456789")])
            #expect(try response.report().values("x-tenant-id") == ["initech"])
        }
    }

    @Test("query parameters are found, decoded and removed exactly")
    func queryParameters() {
        #expect(QueryParameters.values(named: "k", in: "/p?k=a%41&kk=b&k") == ["aA", ""])
        #expect(QueryParameters.values(named: "k", in: "/p?k=%4") == [])
        #expect(QueryParameters.values(named: "k", in: "/p") == [])
        #expect(QueryParameters.removing(named: "k", from: "/p?x=1&k=2&y") == "/p?x=1&y")
        #expect(QueryParameters.removing(named: "k", from: "/p?k=2") == "/p")
    }
}
