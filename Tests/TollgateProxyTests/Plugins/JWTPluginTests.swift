import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `jwt` through real traffic: each key source, the claims, the tenant, and every 401.
@Suite("jwt plugin")
struct JWTPluginTests {
    static let secret = "jwt-plugin-tests-hs256-secret-0123456789"
    static let later = Int(Date().timeIntervalSince1970) + 3600
    static let earlier = Int(Date().timeIntervalSince1970) - 60

    /// A compact JWS of `header` and `claims`, signed by `sign`.
    static func token(_ header: JSONValue, _ claims: JSONValue, sign: ([UInt8]) throws -> [UInt8]) rethrows -> String {
        let input = base64URL(JSONCoding.serialize(header)) + "." + base64URL(JSONCoding.serialize(claims))
        return input + "." + base64URL(try sign(Array(input.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hs256(_ claims: JSONValue, secret: String = secret, alg: String = "HS256") -> String {
        token(["alg": .string(alg), "typ": "JWT"], claims) { input in
            Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: Array(secret.utf8))))
        }
    }

    static func es256(_ claims: JSONValue, key: P256.Signing.PrivateKey, kid: String? = nil) throws -> String {
        var header: [String: JSONValue] = ["alg": "ES256"]
        if let kid { header["kid"] = .string(kid) }
        return try token(.object(header), claims) { Array(try key.signature(for: $0).rawRepresentation) }
    }

    /// `token` with its claims replaced and its signature kept.
    static func swapClaims(of token: String, _ claims: JSONValue) -> String {
        let parts = token.split(separator: ".")
        return "\(parts[0]).\(base64URL(JSONCoding.serialize(claims))).\(parts[2])"
    }

    static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    @Test("a valid HS256 token goes through; its tenant claim replaces the client's tenant header upstream")
    func validSecretToken() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated("jwt", config: ["secret": .string(Self.secret)])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let token = Self.hs256(["sub": "u1", "tenant_id": "acme", "exp": .int(Self.later)])
            let response = try await proxy.request("/x", headers: [("authorization", "bearer \(token)"), ("X-Tenant-ID", "evil")])
            #expect(response.status == .ok)
            #expect(try response.report().values("x-tenant-id") == ["acme"])
            let numeric = try await proxy.request("/x", headers: Self.bearer(Self.hs256(["tenant_id": 42, "exp": .int(Self.later)])))
            #expect(try numeric.report().values("x-tenant-id") == ["42"])
            let noTenant = try await proxy.request("/x", headers: Self.bearer(Self.hs256(["exp": .int(Self.later)])))
            #expect(noTenant.status == .ok)
        }
    }

    @Test("missing, malformed, forged, alg none, expired and claim-less tokens answer 401 with a Bearer challenge")
    func rejectedTokens() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "jwt", config: ["secret": .string(Self.secret), "claims_to_verify": ["exp", "nbf"], "maximum_expiration": 7200])
        let valid: JSONValue = ["exp": .int(Self.later), "nbf": .int(Self.earlier)]
        let good = Self.hs256(valid)
        let none = Self.token(["alg": "none"], valid) { _ in [] } + "AA"
        let invalid: [(String, [(String, String)], String)] = [
            ("forged", Self.bearer(Self.hs256(valid, secret: "another-secret-of-at-least-32-bytes!!")), "the token is not valid"),
            ("alg none", Self.bearer(none), "the token is not valid"),
            ("alg HS384 on an HS256 signature", Self.bearer(Self.hs256(valid, alg: "HS384")), "the token is not valid"),
            ("not a JWT", Self.bearer("not.a.jwt"), "the token is not valid"),
            ("tampered", Self.bearer(Self.swapClaims(of: good, ["exp": .int(Self.later), "nbf": 0])), "the token is not valid"),
            ("expired", Self.bearer(Self.hs256(["exp": .int(Self.earlier), "nbf": .int(Self.earlier)])), "the token has expired"),
            ("no exp", Self.bearer(Self.hs256(["nbf": .int(Self.earlier)])),
                "the token lacks a claim this route requires (exp or nbf, as numbers)"),
            ("not yet valid", Self.bearer(Self.hs256(["exp": .int(Self.later), "nbf": .int(Self.later)])), "the token is not valid yet"),
            ("exp too far", Self.bearer(Self.hs256(["exp": .int(Self.later + 86400), "nbf": .int(Self.earlier)])),
                "the token's exp is further away than this route allows"),
        ]
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/x", headers: Self.bearer(good)).status == .ok)
            for (name, headers, detail) in invalid {
                let response = try await proxy.request("/x", headers: headers)
                #expect(response.status == .unauthorized, "\(name)")
                #expect(try response.problem().detail == detail, "\(name)")
                #expect(response.headers["www-authenticate"] == [#"Bearer realm="tollgate", error="invalid_token""#])
            }
            for headers in [[], [("Authorization", "Basic dXNlcjpwYXNz")], [("Authorization", "Bearer ")]] {
                let missing = try await proxy.request("/x", headers: headers)
                #expect(missing.status == .unauthorized)
                #expect(missing.headers["www-authenticate"] == [#"Bearer realm="tollgate""#])
            }
            #expect(upstream.log.requests.count == 1)
        }
    }

    @Test("tokens may come from other configured headers, bare or with Bearer; two tokens answer 401")
    func headerNames() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "jwt", config: ["secret": .string(Self.secret), "header_names": ["authorization", "X-Token"]])
        let token = Self.hs256(["exp": .int(Self.later), "tenant_id": "t"])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            #expect(try await proxy.request("/x", headers: [("x-token", token)]).status == .ok)
            #expect(try await proxy.request("/x", headers: [("x-token", "Bearer \(token)")]).status == .ok)
            let two = try await proxy.request("/x", headers: [("x-token", token)] + Self.bearer(token))
            #expect(two.status == .unauthorized)
            #expect(try two.problem().detail == "several tokens were sent; send exactly one")
        }
    }

    @Test("an ES256 public key verifies ES256 tokens; an HS256 token keyed with the PEM text is refused")
    func ecPublicKey() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let key = P256.Signing.PrivateKey()
        let pem = key.publicKey.pemRepresentation
        let plugin = try PluginSpec.validated("jwt", config: ["public_key": .string(pem)])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            let claims: JSONValue = ["exp": .int(Self.later), "tenant_id": "ec"]
            let response = try await proxy.request("/x", headers: Self.bearer(try Self.es256(claims, key: key)))
            #expect(try response.report().values("x-tenant-id") == ["ec"])
            let confused = try await proxy.request("/x", headers: Self.bearer(Self.hs256(claims, secret: pem)))
            #expect(confused.status == .unauthorized)
            let stranger = try await proxy.request("/x", headers: Self.bearer(try Self.es256(claims, key: P256.Signing.PrivateKey())))
            #expect(stranger.status == .unauthorized)
        }
    }

    @Test("an RSA public key verifies RS256 and RS512 tokens signed elsewhere (openssl)")
    func rsaPublicKey() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated("jwt", config: ["public_key": .string(RSAFixture.publicKey)])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { (proxy: ProxyHarness) async throws in
            for token in [RSAFixture.rs256, RSAFixture.rs512] {
                let response = try await proxy.request("/x", headers: Self.bearer(token))
                #expect(try response.report().values("x-tenant-id") == ["acme-rsa"])
            }
            let truncated = try await proxy.request("/x", headers: Self.bearer(String(RSAFixture.rs256.dropLast(4))))
            #expect(truncated.status == .unauthorized)
            let confused = Self.hs256(["exp": .int(Self.later)], secret: RSAFixture.publicKey)
            #expect(try await proxy.request("/x", headers: Self.bearer(confused)).status == .unauthorized)
        }
    }

    @Test("JWKS keys are fetched in the background; an unknown kid is refused and triggers a refetch")
    func jwks() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let first = P256.Signing.PrivateKey()
        let second = P256.Signing.PrivateKey()
        let server = try await RecordingHTTPServer.start(reply: .init(body: Self.jwks([("k1", first, nil)])))
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.add(plugin: try PluginSpec.validated("jwt", config: ["jwks_url": .string(server.url("/jwks"))]))
        let schedule = JWKSSchedule(
            refreshInterval: .seconds(300), retryInterval: .milliseconds(50), minimumRefetchInterval: .zero,
            requestTimeout: .seconds(5))
        var factories = BuiltInPlugins.factories
        factories["jwt"] = JWTPlugin.factory(schedule: schedule)
        let claims: JSONValue = ["exp": .int(Self.later), "tenant_id": "jwks"]
        try await ProxyHarness.run(builder.build(), pluginFactories: factories) { (proxy: ProxyHarness) async throws in
            let token = try Self.es256(claims, key: first, kid: "k1")
            #expect(try await Self.eventually { try await proxy.request("/x", headers: Self.bearer(token)).status == .ok })
            // Without a kid, a single-key set still verifies.
            #expect(try await proxy.request("/x", headers: Self.bearer(try Self.es256(claims, key: first))).status == .ok)

            let rotated = try Self.es256(claims, key: second, kid: "k2")
            server.answer(.init(body: Self.jwks([("k1", first, nil), ("k2", second, "ES256")])))
            #expect(try await Self.eventually { try await proxy.request("/x", headers: Self.bearer(rotated)).status == .ok })
            // Two keys: a token must name one.
            #expect(try await proxy.request("/x", headers: Self.bearer(try Self.es256(claims, key: first))).status == .unauthorized)
            let wrongKey = try Self.es256(claims, key: first, kid: "k2")
            #expect(try await proxy.request("/x", headers: Self.bearer(wrongKey)).status == .unauthorized)
        }
        #expect(server.heads.allSatisfy { $0.uri == "/jwks" })
    }

    /// A JWKS document of P-256 keys (kid, key, pinned alg).
    static func jwks(_ keys: [(String, P256.Signing.PrivateKey, String?)]) -> String {
        let entries: [JSONValue] = keys.map { kid, key, alg in
            let raw = Array(key.publicKey.rawRepresentation)
            var jwk: [String: JSONValue] = [
                "kty": "EC", "crv": "P-256", "kid": .string(kid), "use": "sig",
                "x": .string(base64URL(Array(raw[0..<32]))), "y": .string(base64URL(Array(raw[32..<64]))),
            ]
            if let alg { jwk["alg"] = .string(alg) }
            return .object(jwk)
        }
        return JSONCoding.string(["keys": .array(entries)])
    }

    /// Retries `check` (every 20 ms, for at most 10 s) until it holds.
    static func eventually(_ check: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("token parts decode strictly")
    func decoding() {
        #expect(Base64URL.decode("aGk".utf8) == Array("hi".utf8))
        #expect(Base64URL.decode("aGk=".utf8) == nil)
        #expect(Base64URL.decode("aGl".utf8) == nil)
        #expect(JSONObjectParser.parseObject(Array(#"{"a":"\u00e9\n","b":[1,2.5,true,null],"c":{}}"#.utf8)) == [
            "a": "é\n", "b": [1, .double(2.5), true, .null], "c": [:],
        ])
        #expect(JSONObjectParser.parseObject(Array(#"{"a":1,"a":2}"#.utf8)) == nil)
        #expect(JSONObjectParser.parseObject(Array(#"{"a":1} x"#.utf8)) == nil)
        #expect(JSONObjectParser.parseObject(Array("[1]".utf8)) == nil)
    }
}
