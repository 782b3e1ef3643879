import Foundation
import JWTKit
import Logging
import Testing
import TollgateAdmin
import TollgateCore

/// Public-key verification through real HTTP: RSA from independent fixtures, ES256, ES384
/// and EdDSA from jwt-kit keys, and the HS/RS confusion attack.
@Suite struct AuthPublicKeyTests {
    static func verifier(pem: String) async throws -> AdminTokenVerifier {
        try await AdminTokenVerifier(
            configuration: AdminAuthConfiguration(keys: .publicKeyPEM(pem)), logger: Logger(label: "auth-test"))
    }

    @Test func rsaFixturesFromAnIndependentImplementation() async throws {
        let pem = try AuthFixtures.text("rsa-public.pem")
        try await AuthTestServer.with(try await Self.verifier(pem: pem)) { server in
            for name in ["rs256-admin.jwt", "rs384-admin.jwt", "rs512-admin.jwt"] {
                expectAccepted(try await server.get(bearer: try AuthFixtures.token(name)), subject: "python-admin")
            }
            expectNotAdmin(try await server.get(bearer: try AuthFixtures.token("rs256-reader.jwt")))
            let admin = try AuthFixtures.token("rs256-admin.jwt")
            let forged = AuthTokens.replacingClaims(
                of: admin, with: ["sub": "mallory", "roles": ["ADMIN"], "exp": 4_102_444_800])
            expectInvalidToken(try await server.get(bearer: forged))
        }
    }

    @Test func hmacTokenSignedWithThePublicKeyIsRefused() async throws {
        let pem = try AuthFixtures.text("rsa-public.pem")
        let verifier = try await Self.verifier(pem: pem)
        let confused = try await AuthTokens.hs256(
            AuthTokens.unscopedAdminClaims(subject: "mallory"), secret: Array(pem.utf8))
        #expect(await verifier.authenticate(authorization: "Bearer \(confused)") == .failure(.algorithmNotAllowed))
        try await AuthTestServer.with(verifier) { server in
            expectInvalidToken(try await server.get(bearer: confused))
        }
    }

    @Test func es256() async throws {
        let key = ES256PrivateKey()
        let token = try await AuthTokens.sign(
            AuthTokens.unscopedAdminClaims(subject: "ec-admin"), with: JWTKeyCollection().add(ecdsa: key))
        let stranger = try await AuthTokens.sign(
            AuthTokens.unscopedAdminClaims(subject: "ec-stranger"),
            with: JWTKeyCollection().add(ecdsa: ES256PrivateKey()))
        let verifier = try await Self.verifier(pem: key.publicKey.pemRepresentation)
        #expect(await verifier.authenticate(authorization: "Bearer \(stranger)") == .failure(.badSignature))
        try await AuthTestServer.with(verifier) { server in
            expectAccepted(try await server.get(bearer: token), subject: "ec-admin")
            expectInvalidToken(try await server.get(bearer: stranger))
            let rsa = try AuthFixtures.token("rs256-admin.jwt")
            expectInvalidToken(try await server.get(bearer: rsa))
        }
    }

    @Test func es384() async throws {
        let key = ES384PrivateKey()
        let token = try await AuthTokens.sign(
            AuthTokens.unscopedAdminClaims(subject: "p384-admin"), with: JWTKeyCollection().add(ecdsa: key))
        try await AuthTestServer.with(try await Self.verifier(pem: key.publicKey.pemRepresentation)) { server in
            expectAccepted(try await server.get(bearer: token), subject: "p384-admin")
        }
    }

    @Test func edDSA() async throws {
        let key = try EdDSA.PrivateKey()
        let token = try await AuthTokens.sign(
            AuthTokens.unscopedAdminClaims(subject: "ed-admin"), with: JWTKeyCollection().add(eddsa: key))
        let expired = try await AuthTokens.sign(
            AuthTokens.unscopedAdminClaims(subject: "ed-admin").merging(["exp": 1_000_000_000]) { $1 },
            with: JWTKeyCollection().add(eddsa: key))
        let verifier = try await Self.verifier(pem: key.publicKey.pemRepresentation)
        #expect(await verifier.authenticate(authorization: "Bearer \(expired)") == .failure(.expired))
        try await AuthTestServer.with(verifier) { server in
            expectAccepted(try await server.get(bearer: token), subject: "ed-admin")
            expectInvalidToken(try await server.get(bearer: expired))
        }
    }
}
