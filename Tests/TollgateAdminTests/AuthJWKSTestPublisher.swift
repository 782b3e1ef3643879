import Foundation
import Hummingbird
import JWTKit
import NIOCore

/// A JWKS endpoint on loopback: serves the document the test publishes (or a 500), and
/// counts the fetches.
actor AuthJWKSTestPublisher {
    /// The running fetch count, one element per fetch.
    nonisolated let fetchEvents: AsyncStream<Int>
    private let fetchSink: AsyncStream<Int>.Continuation
    private var document: String?
    private(set) var fetches = 0

    init() {
        (fetchEvents, fetchSink) = AsyncStream.makeStream(of: Int.self)
    }

    /// Serves `keys` from now on; returns the number of fetches served before.
    @discardableResult
    func publish(_ keys: [JWK]) throws -> Int {
        publish(json: String(decoding: try JSONEncoder().encode(JWKS(keys: keys)), as: UTF8.self))
    }

    /// Serves `json` from now on; returns the number of fetches served before.
    @discardableResult
    func publish(json: String) -> Int {
        document = json
        return fetches
    }

    /// Answers 500 from now on.
    func fail() {
        document = nil
    }

    private func serve() -> Response {
        fetches += 1
        fetchSink.yield(fetches)
        guard let document else { return Response(status: .internalServerError) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
    }

    /// Where the endpoint answers.
    struct Endpoint {
        /// The JWKS document (or the 500).
        let url: String
        /// A 302 to ``url``.
        let redirectingURL: String
        /// An endpoint that answers after a minute.
        let hangingURL: String
    }

    /// Runs the endpoint for the duration of `body`.
    nonisolated func run<Result: Sendable>(_ body: (Endpoint) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("/.well-known/jwks.json") { _, _ in await self.serve() }
        router.get("/moved") { _, _ in Response(status: .found, headers: [.location: "/.well-known/jwks.json"]) }
        router.get("/hanging") { _, _ in
            try await Task.sleep(for: .seconds(60))
            return Response(status: .noContent)
        }
        return try await withAuthTestHTTPServer(router) { port in
            let base = "http://127.0.0.1:\(port)"
            return try await body(
                Endpoint(
                    url: base + "/.well-known/jwks.json", redirectingURL: base + "/moved",
                    hangingURL: base + "/hanging"))
        }
    }

    /// Waits until `count` fetches have been served, for at most 10 seconds.
    nonisolated func waitForFetches(_ count: Int) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { [fetchEvents] in
                for await served in fetchEvents where served >= count { return true }
                return false
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw WaitTimedOut(fetches: count) }
        }
    }

    struct WaitTimedOut: Error {
        let fetches: Int
    }
}

/// An ES256 key pair published under a `kid`.
struct AuthJWKSTestKey {
    let kid: String
    let privateKey = ES256PrivateKey()

    /// The public key as a JWK; with `declaresAlgorithm` false it has no `alg` member.
    func jwk(declaresAlgorithm: Bool = true, withKid: Bool = true) -> JWK {
        let parameters = privateKey.publicKey.parameters!
        return JWK.ecdsa(
            declaresAlgorithm ? .es256 : nil, identifier: withKid ? JWKIdentifier(string: kid) : nil,
            x: parameters.x, y: parameters.y, curve: .p256)
    }

    /// A token for `subject` signed with this key, naming it in its header.
    func token(subject: String) async throws -> String {
        try await token(subject: subject, headerKid: kid)
    }

    /// A token for `subject` signed with this key, whose header names `headerKid` (no `kid` when nil).
    func token(subject: String, headerKid: String?) async throws -> String {
        let keys = await JWTKeyCollection().add(ecdsa: privateKey)
        let claims = AuthTokens.unscopedAdminClaims(subject: subject)
        let header: JWTHeader = headerKid.map { ["kid": .string($0)] } ?? [:]
        return try await AuthTokens.sign(claims, with: keys, header: header)
    }
}
