import Foundation
import JWTKit
import Logging
import Testing
import TollgateAdmin
import TollgateCore

/// The auth matrix through real HTTP, on an HS256 secret with a required issuer and audience.
@Suite struct AuthHS256Tests {
    /// A request the middleware must refuse, and why.
    enum Refused: String, CaseIterable, CustomTestStringConvertible {
        case missingHeader, basicScheme, emptyBearer, garbage, garbageInThreeParts, badSignature, tamperedPayload
        case algNone, algNoneWithHMACSignature, hs384, expired, notYetValid, missingExpiry, textExpiry, wrongIssuer
        case missingIssuer, wrongAudience, audienceListWithoutOurs, criticalHeader
        case noRoles, lowercaseAdmin, otherRoleString, rolesNotStrings

        var testDescription: String { rawValue }

        /// The `Authorization` header sent.
        func authorization() async throws -> String? {
            var claims = AuthTokens.adminClaims()
            let now = Int(Date().timeIntervalSince1970)
            switch self {
            case .missingHeader: return nil
            case .basicScheme: return "Basic YWRtaW46c2VjcmV0"
            case .emptyBearer: return "Bearer "
            case .garbage: return "Bearer not-a-token"
            case .garbageInThreeParts: return "Bearer aaaa.bbbb.cccc"
            case .badSignature: return "Bearer " + (try await AuthTokens.hs256(claims, secret: AuthTokens.otherSecret))
            case .tamperedPayload:
                var reader = claims
                reader["roles"] = ["READER"]
                let signed = try await AuthTokens.hs256(reader)
                return "Bearer " + AuthTokens.replacingClaims(of: signed, with: claims)
            case .algNone: return "Bearer " + AuthTokens.assemble(header: ["alg": "none"], claims: claims)
            case .algNoneWithHMACSignature:
                let signed = try await AuthTokens.hs256(claims)
                let signature = String(signed.split(separator: ".")[2])
                return "Bearer " + AuthTokens.assemble(header: ["alg": "none"], claims: claims, signature: signature)
            case .hs384:
                let keys = await JWTKeyCollection().add(
                    hmac: HMACKey(from: AuthTokens.secret), digestAlgorithm: .sha384)
                return "Bearer " + (try await AuthTokens.sign(claims, with: keys))
            case .expired: claims["exp"] = .int(now - 3600)
            case .notYetValid: claims["nbf"] = .int(now + 3600)
            case .missingExpiry: claims.removeValue(forKey: "exp")
            case .textExpiry: claims["exp"] = "tomorrow"
            case .wrongIssuer: claims["iss"] = "https://evil.test"
            case .missingIssuer: claims.removeValue(forKey: "iss")
            case .wrongAudience: claims["aud"] = "someone-else"
            case .audienceListWithoutOurs: claims["aud"] = ["a", "b"]
            case .criticalHeader:
                let signed = try await AuthTokens.sign(
                    claims,
                    with: JWTKeyCollection().add(hmac: HMACKey(from: AuthTokens.secret), digestAlgorithm: .sha256),
                    header: ["crit": ["exp"], "exp": "x"])
                return "Bearer " + signed
            case .noRoles: claims.removeValue(forKey: "roles")
            case .lowercaseAdmin: claims["roles"] = ["admin"]
            case .otherRoleString: claims["roles"] = "READER"
            case .rolesNotStrings: claims["roles"] = [1, true]
            }
            return "Bearer " + (try await AuthTokens.hs256(claims))
        }

        var expected: AdminAuthFailure {
            switch self {
            case .missingHeader: .missingCredentials
            case .basicScheme: .notBearer
            case .emptyBearer, .garbage, .garbageInThreeParts, .textExpiry, .criticalHeader: .malformedToken
            case .badSignature, .tamperedPayload: .badSignature
            case .algNone, .algNoneWithHMACSignature, .hs384: .algorithmNotAllowed
            case .expired: .expired
            case .notYetValid: .notYetValid
            case .missingExpiry: .missingExpiry
            case .wrongIssuer, .missingIssuer: .wrongIssuer
            case .wrongAudience, .audienceListWithoutOurs: .wrongAudience
            case .noRoles, .lowercaseAdmin, .otherRoleString, .rolesNotStrings: .missingAdminRole
            }
        }
    }

    static func verifier(roleClaimPath: String = AdminAuthConfiguration.defaultRoleClaimPath) async throws
        -> AdminTokenVerifier
    {
        try await AdminTokenVerifier(
            configuration: AdminAuthConfiguration(
                keys: .hmacSecret(AuthTokens.secret), issuer: AuthTokens.issuer, audience: AuthTokens.audience,
                roleClaimPath: roleClaimPath),
            logger: Logger(label: "auth-test"))
    }

    @Test(arguments: Refused.allCases)
    func refused(_ refused: Refused) async throws {
        let verifier = try await Self.verifier()
        let authorization = try await refused.authorization()
        #expect(await verifier.authenticate(authorization: authorization) == .failure(refused.expected))
        try await AuthTestServer.with(verifier) { server in
            let response = try await server.get(authorization: authorization)
            if refused.expected == .missingAdminRole {
                expectNotAdmin(response)
            } else {
                expectInvalidToken(response)
            }
            #expect(!response.body.contains(refused.expected.description), "the reason is not told to the client")
        }
    }

    @Test func acceptedTokensEchoTheirSubject() async throws {
        let now = Int(Date().timeIntervalSince1970)
        var variants: [String: [String: JSONValue]] = [:]
        variants["plain"] = AuthTokens.adminClaims(subject: "plain")
        variants["among-others"] = AuthTokens.adminClaims(subject: "among-others").merging([
            "roles": ["READER", "ADMIN"]
        ]) { $1 }
        variants["roles-string"] = AuthTokens.adminClaims(subject: "roles-string").merging(["roles": "ADMIN"]) { $1 }
        var fallback = AuthTokens.adminClaims(subject: "role-fallback")
        fallback.removeValue(forKey: "roles")
        fallback["role"] = "ADMIN"
        variants["role-fallback"] = fallback
        variants["audience-list"] = AuthTokens.adminClaims(subject: "audience-list")
            .merging(["aud": ["other", .string(AuthTokens.audience)]]) { $1 }
        variants["expired-within-leeway"] = AuthTokens.adminClaims(subject: "expired-within-leeway")
            .merging(["exp": .int(now - 20)]) { $1 }
        variants["nbf-within-leeway"] = AuthTokens.adminClaims(subject: "nbf-within-leeway")
            .merging(["nbf": .int(now + 20)]) { $1 }
        variants["fractional-exp"] = AuthTokens.adminClaims(subject: "fractional-exp")
            .merging(["exp": .double(Double(now) + 600.5)]) { $1 }

        try await AuthTestServer.with(try await Self.verifier()) { server in
            for (subject, claims) in variants {
                expectAccepted(try await server.get(bearer: try await AuthTokens.hs256(claims)), subject: subject)
            }
            let token = try await AuthTokens.hs256(AuthTokens.adminClaims(subject: "lowercase-scheme"))
            expectAccepted(try await server.get(authorization: "bearer \(token)"), subject: "lowercase-scheme")
            let withKid = try await AuthTokens.sign(
                AuthTokens.adminClaims(subject: "any-kid"),
                with: JWTKeyCollection().add(hmac: HMACKey(from: AuthTokens.secret), digestAlgorithm: .sha256),
                header: ["kid": "whatever"])
            expectAccepted(try await server.get(bearer: withKid), subject: "any-kid")
        }
    }

    @Test func healthNeedsNoToken() async throws {
        try await AuthTestServer.with(try await Self.verifier()) { server in
            let response = try await server.get("/health", authorization: nil)
            #expect(response.status == 200)
            #expect(response.body == "ok")
        }
    }

    @Test func nestedRoleClaimPath() async throws {
        let verifier = try await Self.verifier(roleClaimPath: "realm_access.roles")
        func token(_ extra: [String: JSONValue]) async throws -> String {
            var claims = AuthTokens.adminClaims(subject: "keycloak-user")
            claims.removeValue(forKey: "roles")
            return try await AuthTokens.hs256(claims.merging(extra) { $1 })
        }
        try await AuthTestServer.with(verifier) { server in
            expectAccepted(
                try await server.get(
                    bearer: try await token(["realm_access": ["roles": ["offline_access", "ADMIN"]]])),
                subject: "keycloak-user")
            expectNotAdmin(try await server.get(bearer: try await token(["roles": ["ADMIN"]])))
            expectNotAdmin(try await server.get(bearer: try await token(["realm_access": ["roles": ["admin"]]])))
            expectNotAdmin(try await server.get(bearer: try await token(["realm_access": "ADMIN"])))
        }
    }

    @Test func aClaimNamedLikeThePathWins() async throws {
        let verifier = try await Self.verifier(roleClaimPath: "https://tollgate.test/roles")
        var claims = AuthTokens.adminClaims(subject: "namespaced")
        claims.removeValue(forKey: "roles")
        claims["https://tollgate.test/roles"] = ["ADMIN"]
        let token = try await AuthTokens.hs256(claims)
        #expect(
            await verifier.authenticate(authorization: "Bearer \(token)")
                == .success(AdminIdentity(subject: "namespaced")))
    }
}
