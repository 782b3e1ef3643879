import Foundation
import JWTKit
import Logging
import ServiceLifecycle
import Testing
import TollgateAdmin

/// Keys from a JWKS URL served on loopback: caching, rotation, the refetch floor, and the
/// background refresher.
@Suite struct AuthJWKSTests {
    static func verifier(
        url: String, minimumRefetchInterval: Duration, refreshInterval: Duration = .seconds(300),
        requestTimeout: Duration = .seconds(5)
    ) async throws -> AdminTokenVerifier {
        let options = JWKSOptions(
            refreshInterval: refreshInterval, minimumRefetchInterval: minimumRefetchInterval,
            requestTimeout: requestTimeout)
        return try await AdminTokenVerifier(
            configuration: AdminAuthConfiguration(keys: .jwks(url: url), jwks: options),
            logger: Logger(label: "auth-test"))
    }

    @Test func fixtureKeySetFromAnIndependentImplementation() async throws {
        let publisher = AuthJWKSTestPublisher()
        await publisher.publish(json: try AuthFixtures.text("rsa-jwks.json"))
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .zero)
            try await AuthTestServer.with(verifier) { server in
                for name in ["rs256-admin.jwt", "rs512-admin.jwt"] {
                    expectAccepted(try await server.get(bearer: try AuthFixtures.token(name)), subject: "python-admin")
                }
                expectNotAdmin(try await server.get(bearer: try AuthFixtures.token("rs256-reader.jwt")))
            }
        }
        #expect(await publisher.fetches == 1, "the key set is fetched once and cached")
    }

    @Test func aKeyPublishedLaterIsPickedUpByItsFirstToken() async throws {
        let publisher = AuthJWKSTestPublisher()
        let old = AuthJWKSTestKey(kid: "2025-key")
        let new = AuthJWKSTestKey(kid: "2026-key")
        try await publisher.publish([old.jwk()])
        try await publisher.run { endpoint in
            try await AuthTestServer.with(try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .zero)) {
                server in
                expectAccepted(try await server.get(bearer: try await old.token(subject: "old")), subject: "old")
                #expect(await publisher.fetches == 1)

                try await publisher.publish([new.jwk(declaresAlgorithm: false)])
                expectAccepted(try await server.get(bearer: try await new.token(subject: "new")), subject: "new")
                #expect(await publisher.fetches == 2)
                expectAccepted(try await server.get(bearer: try await new.token(subject: "new")), subject: "new")
                #expect(await publisher.fetches == 2, "a known kid needs no fetch")

                expectInvalidToken(try await server.get(bearer: try await old.token(subject: "old")))
            }
        }
    }

    @Test func unknownKidsCannotHammerTheKeyServer() async throws {
        let publisher = AuthJWKSTestPublisher()
        let known = AuthJWKSTestKey(kid: "known")
        let later = AuthJWKSTestKey(kid: "later")
        try await publisher.publish([known.jwk()])
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .seconds(3600))
            try await AuthTestServer.with(verifier) { server in
                expectAccepted(try await server.get(bearer: try await known.token(subject: "known")), subject: "known")
                for attempt in 1...5 {
                    let forged = try await known.token(subject: "forged", headerKid: "ghost-\(attempt)")
                    expectInvalidToken(try await server.get(bearer: forged))
                }
                try await publisher.publish([known.jwk(), later.jwk()])
                let early = try await later.token(subject: "later")
                #expect(await verifier.authenticate(authorization: "Bearer \(early)") == .failure(.unknownKey))
                expectInvalidToken(try await server.get(bearer: early))
            }
        }
        #expect(await publisher.fetches == 1, "no refetch within the floor")
    }

    @Test func aTokenVerifiesOnlyAgainstTheKeyItsKidNames() async throws {
        let publisher = AuthJWKSTestPublisher()
        let key = AuthJWKSTestKey(kid: "only")
        let other = AuthJWKSTestKey(kid: "other")
        let rsa = try JSONDecoder().decode(JWKS.self, from: Data(try AuthFixtures.text("rsa-jwks.json").utf8)).keys
        try await publisher.publish(rsa + [key.jwk(), other.jwk()])
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .zero)
            let unknownKid = try await key.token(subject: "x", headerKid: "not-in-the-set")
            let noKid = try await key.token(subject: "x", headerKid: nil)
            let wrongKid = try await key.token(subject: "x", headerKid: "other")
            // The kid exists, but not for ES256: no ES256 key may stand in for it.
            let rsaKid = try await key.token(subject: "x", headerKid: AuthFixtures.rsaKeyID)
            let hmac = try await AuthTokens.hs256(AuthTokens.unscopedAdminClaims(subject: "x"))
            #expect(await verifier.authenticate(authorization: "Bearer \(unknownKid)") == .failure(.unknownKey))
            #expect(await verifier.authenticate(authorization: "Bearer \(noKid)") == .failure(.unknownKey))
            #expect(await verifier.authenticate(authorization: "Bearer \(wrongKid)") == .failure(.badSignature))
            #expect(await verifier.authenticate(authorization: "Bearer \(rsaKid)") == .failure(.unknownKey))
            #expect(await verifier.authenticate(authorization: "Bearer \(hmac)") == .failure(.algorithmNotAllowed))
            try await AuthTestServer.with(verifier) { server in
                for token in [unknownKid, noKid, wrongKid, rsaKid, hmac] {
                    expectInvalidToken(try await server.get(bearer: token))
                }
                expectAccepted(try await server.get(bearer: try await key.token(subject: "only")), subject: "only")
            }
        }
    }

    @Test func unusableKeysAreSkipped() async throws {
        let publisher = AuthJWKSTestPublisher()
        let anonymous = AuthJWKSTestKey(kid: "anonymous")
        let usable = AuthJWKSTestKey(kid: "usable")
        let encryption = AuthJWKSTestKey(kid: "encryption")
        func json(_ jwk: JWK) throws -> String { String(decoding: try JSONEncoder().encode(jwk), as: UTF8.self) }
        let members = [
            #"{"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"}"#,
            #"{"kty": "EC", "kid": "k1", "crv": "secp256k1", "x": "AA", "y": "AA"}"#,
            #"{"use": "enc", "# + (try json(encryption.jwk())).dropFirst(),
            try json(anonymous.jwk(withKid: false)),
            try json(usable.jwk()),
        ]
        await publisher.publish(json: #"{"keys": ["# + members.joined(separator: ", ") + "]}")
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .zero)
            try await AuthTestServer.with(verifier) { server in
                expectAccepted(
                    try await server.get(bearer: try await usable.token(subject: "usable")), subject: "usable")
                expectInvalidToken(
                    try await server.get(bearer: try await anonymous.token(subject: "x", headerKid: nil)))
                expectInvalidToken(try await server.get(bearer: try await encryption.token(subject: "x")))
            }
        }
    }

    @Test func aFailedFetchKeepsTheKeysLoadedBefore() async throws {
        let publisher = AuthJWKSTestPublisher()
        let key = AuthJWKSTestKey(kid: "steady")
        let missing = AuthJWKSTestKey(kid: "missing")
        try await publisher.publish([key.jwk()])
        try await publisher.run { endpoint in
            try await AuthTestServer.with(try await Self.verifier(url: endpoint.url, minimumRefetchInterval: .zero)) {
                server in
                expectAccepted(try await server.get(bearer: try await key.token(subject: "steady")), subject: "steady")
                await publisher.fail()
                expectInvalidToken(try await server.get(bearer: try await missing.token(subject: "missing")))
                #expect(await publisher.fetches == 2)
                expectAccepted(try await server.get(bearer: try await key.token(subject: "steady")), subject: "steady")
            }
        }
    }

    @Test func redirectsAreNotFollowed() async throws {
        let publisher = AuthJWKSTestPublisher()
        let key = AuthJWKSTestKey(kid: "elsewhere")
        try await publisher.publish([key.jwk()])
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(url: endpoint.redirectingURL, minimumRefetchInterval: .zero)
            try await AuthTestServer.with(verifier) { server in
                expectInvalidToken(try await server.get(bearer: try await key.token(subject: "elsewhere")))
            }
        }
        #expect(await publisher.fetches == 0)
    }

    @Test func aHangingKeyServerTimesOut() async throws {
        let publisher = AuthJWKSTestPublisher()
        let key = AuthJWKSTestKey(kid: "slow")
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(
                url: endpoint.hangingURL, minimumRefetchInterval: .zero, requestTimeout: .milliseconds(200))
            let started = ContinuousClock.now
            let token = try await key.token(subject: "slow")
            #expect(await verifier.authenticate(authorization: "Bearer \(token)") == .failure(.unknownKey))
            #expect(started.duration(to: .now) < .seconds(30), "the fetch gave up long before the server answered")
        }
    }

    @Test func theRefresherReloadsPeriodicallyAndStopsOnGracefulShutdown() async throws {
        let publisher = AuthJWKSTestPublisher()
        let first = AuthJWKSTestKey(kid: "first")
        let second = AuthJWKSTestKey(kid: "second")
        try await publisher.publish([first.jwk()])
        try await publisher.run { endpoint in
            let verifier = try await Self.verifier(
                url: endpoint.url, minimumRefetchInterval: .seconds(3600), refreshInterval: .milliseconds(50))
            #expect(verifier.services.count == 1)
            let services = ServiceGroup(
                configuration: .init(services: verifier.services, logger: Logger(label: "auth-test")))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                try await publisher.waitForFetches(1)
                let published = try await publisher.publish([second.jwk()])
                // The refresher fetches one at a time: once fetch n+2 is served, fetch n+1 (the new set) is loaded.
                try await publisher.waitForFetches(published + 2)
                let token = try await second.token(subject: "second")
                #expect(
                    await verifier.authenticate(authorization: "Bearer \(token)")
                        == .success(AdminIdentity(subject: "second")))

                await services.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }
}
