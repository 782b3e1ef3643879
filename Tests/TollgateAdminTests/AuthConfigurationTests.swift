import Foundation
import JWTKit
import Logging
import Testing
import TollgateAdmin
import TollgateCore

/// Start-up checks of the auth settings, the first-start secret file, and the token minter.
@Suite struct AuthConfigurationTests {
    static func refusal(_ configuration: AdminAuthConfiguration) async -> AdminAuthConfigurationError? {
        do {
            _ = try await AdminTokenVerifier(configuration: configuration, logger: Logger(label: "auth-test"))
            return nil
        } catch {
            return error
        }
    }

    @Test func shortSecretsAreRefused() async throws {
        let error = await Self.refusal(AdminAuthConfiguration(keys: .hmacSecret(Array(repeating: 7, count: 31))))
        #expect(error == .secretTooShort(length: 31))
        #expect(error?.description.contains("at least 32") == true)
        #expect(await Self.refusal(AdminAuthConfiguration(keys: .hmacSecret(Array(repeating: 7, count: 32)))) == nil)
    }

    @Test func badPublicKeysAreRefused() async throws {
        #expect(await Self.refusal(AdminAuthConfiguration(keys: .publicKeyPEM("not a key"))) == .invalidPublicKey)
        let truncated = String(try AuthFixtures.text("rsa-public.pem").dropFirst(80))
        #expect(await Self.refusal(AdminAuthConfiguration(keys: .publicKeyPEM(truncated))) == .invalidPublicKey)
        let privatePEM = try EdDSA.PrivateKey().pemRepresentation
        #expect(await Self.refusal(AdminAuthConfiguration(keys: .publicKeyPEM(privatePEM))) == .privateKeyGiven)
        #expect(throws: AdminAuthConfigurationError.self) {
            try AdminAuthConfiguration.Keys.publicKeyFile(atPath: "/nonexistent/tollgate-admin.pem")
        }
    }

    @Test func aPublicKeyFileIsRead() async throws {
        let path = try #require(
            Bundle.module.path(forResource: "rsa-public", ofType: "pem", inDirectory: "Fixtures/jwt"))
        let keys = try AdminAuthConfiguration.Keys.publicKeyFile(atPath: path)
        #expect(await Self.refusal(AdminAuthConfiguration(keys: keys)) == nil)
    }

    @Test(arguments: ["", "realm_access.", ".roles", "a..b"])
    func badRoleClaimPathsAreRefused(_ path: String) async {
        let configuration = AdminAuthConfiguration(keys: .hmacSecret(AuthTokens.secret), roleClaimPath: path)
        #expect(await Self.refusal(configuration) == .invalidRoleClaimPath(path))
    }

    @Test(arguments: ["ftp://keys.test/jwks", "keys.test/jwks", "not a url", "https://"])
    func badJWKSURLsAreRefused(_ url: String) async {
        #expect(await Self.refusal(AdminAuthConfiguration(keys: .jwks(url: url))) == .invalidJWKSURL(url))
    }

    @Test func badDurationsAreRefused() async {
        let negativeLeeway = AdminAuthConfiguration(keys: .hmacSecret(AuthTokens.secret), clockLeeway: .seconds(-1))
        #expect(await Self.refusal(negativeLeeway) == .invalidDuration(setting: "clock leeway", allowsZero: true))
        let busyLoop = AdminAuthConfiguration(
            keys: .jwks(url: "https://keys.test/jwks"), jwks: JWKSOptions(refreshInterval: .zero))
        #expect(await Self.refusal(busyLoop) == .invalidDuration(setting: "JWKS refresh interval", allowsZero: false))
    }

    @Test func mintedTokensPassTheVerifier() async throws {
        let minter = try await AdminTokenMinter(
            secret: AuthTokens.secret, issuer: AuthTokens.issuer, audience: AuthTokens.audience)
        let token = try await minter.mint(subject: "ops", ttl: .seconds(3600))
        let reader = try await minter.mint(subject: "auditor", role: "READER", ttl: .seconds(3600))

        let claims = try #require(try JSONSerialization.jsonObject(with: Self.payload(of: token)) as? [String: Any])
        #expect(claims["sub"] as? String == "ops")
        #expect(claims["roles"] as? [String] == ["ADMIN"])
        #expect(claims["iss"] as? String == AuthTokens.issuer)
        #expect(claims["aud"] as? String == AuthTokens.audience)
        let issuedAt = try #require(claims["iat"] as? Int)
        #expect(claims["exp"] as? Int == issuedAt + 3600)

        let verifier = try await AuthHS256Tests.verifier()
        try await AuthTestServer.with(verifier) { server in
            expectAccepted(try await server.get(bearer: token), subject: "ops")
            expectNotAdmin(try await server.get(bearer: reader))
        }
        await #expect(throws: AdminAuthConfigurationError.self) { try await minter.mint(subject: "x", ttl: .zero) }
        await #expect(throws: AdminAuthConfigurationError.secretTooShort(length: 5)) {
            try await AdminTokenMinter(secret: Array("short".utf8))
        }
    }

    static func payload(of token: String) throws -> Data {
        var payload = String(token.split(separator: ".")[1])
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        return try #require(Data(base64Encoded: payload))
    }
}
