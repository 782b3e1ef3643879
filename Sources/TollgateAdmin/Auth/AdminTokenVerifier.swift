import Foundation
import JWTKit
import Logging
import ServiceLifecycle
import TollgateCore

/// Verifies the bearer token of a management API request.
///
/// A token is accepted when all of these hold; otherwise the answer is 401
/// (``Problem/invalidToken``):
/// - the request has `Authorization: Bearer <JWT>`;
/// - its `alg` is one the configured keys verify: HS256 with a secret, RS256/RS384/RS512,
///   ES256, ES384 or EdDSA with a public key of that type — never `none`, and never an HMAC
///   algorithm with a public key (HS/RS confusion);
/// - with a JWKS, it has a `kid` naming a key of the set;
/// - the signature verifies;
/// - `exp` is present and has not passed — tokens without expiry are refused — and `nbf`,
///   when present, has come, both give or take the clock leeway;
/// - `iss` and `aud` match when they are configured.
///
/// A token that passes all of these but whose roles do not include `ADMIN` gets 403
/// (``Problem/notAdmin``). The caller's identity is the token's `sub`.
public struct AdminTokenVerifier: Sendable {
    private enum KeySource: Sendable {
        case fixed(VerificationKeySet)
        case jwks(JWKSKeySource)
    }

    private let keySource: KeySource
    private let rules: ClaimRules
    private let roleClaim: RoleClaim
    /// What must run next to the admin server (add them to its `ServiceGroup`): the JWKS
    /// refresher when the keys come from a JWKS URL, nothing otherwise.
    public let services: [any Service]

    /// Checks the configuration and loads the keys (a JWKS is fetched later, by the refresher
    /// or by the first token).
    /// - Parameters:
    ///   - configuration: The authentication settings.
    ///   - logger: Where JWKS fetch problems are reported.
    /// - Throws: ``AdminAuthConfigurationError`` for a setting Tollgate cannot use.
    public init(configuration: AdminAuthConfiguration, logger: Logger) async throws(AdminAuthConfigurationError) {
        guard configuration.clockLeeway >= .zero else {
            throw .invalidDuration(setting: "clock leeway", allowsZero: true)
        }
        roleClaim = try RoleClaim(path: configuration.roleClaimPath)
        rules = ClaimRules(
            issuer: configuration.issuer, audience: configuration.audience,
            leeway: configuration.clockLeeway / .seconds(1))
        switch configuration.keys {
        case .hmacSecret(let secret):
            keySource = .fixed(try await .hmac(secret: secret))
            services = []
        case .publicKeyPEM(let pem):
            keySource = .fixed(try await .publicKey(pem: pem))
            services = []
        case .jwks(let url):
            try configuration.jwks.validate()
            let source = JWKSKeySource(
                client: try JWKSClient(url: url, timeout: configuration.jwks.requestTimeout),
                minimumRefetchInterval: configuration.jwks.minimumRefetchInterval, logger: logger)
            keySource = .jwks(source)
            services = [JWKSRefresher(source: source, interval: configuration.jwks.refreshInterval)]
        }
    }

    /// The caller's identity, or why the `Authorization` header does not authenticate an admin.
    /// - Parameter authorization: The value of the `Authorization` header, nil when absent.
    public func authenticate(authorization: String?) async -> Result<AdminIdentity, AdminAuthFailure> {
        do {
            return .success(try await verify(authorization: authorization))
        } catch {
            return .failure(error)
        }
    }

    private func verify(authorization: String?) async throws(AdminAuthFailure) -> AdminIdentity {
        let token = Array(try BearerToken.parse(authorization).utf8)
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse(token, as: AdminTokenClaims.self).header
        } catch {
            throw .malformedToken
        }
        // No JWS extension is understood, so a token that marks one critical is refused (RFC 7515 §4.1.11).
        guard header.crit == nil else { throw .malformedToken }
        guard let algorithm = header.alg.flatMap(JWSAlgorithm.init(rawValue:)) else { throw .algorithmNotAllowed }
        let keys = try await keys(for: algorithm, kid: header.kid)
        let claims: AdminTokenClaims
        do {
            claims = try await keys.verify(token, as: AdminTokenClaims.self)
        } catch {
            throw Self.failure(verifying: error)
        }
        if let violation = rules.violation(in: claims.members, at: Date()) { throw violation }
        guard roleClaim.grantsAdmin(claims.members) else { throw .missingAdminRole }
        return AdminIdentity(subject: claims.members["sub"]?.stringValue)
    }

    /// What a jwt-kit verification error means for the caller.
    private static func failure(verifying error: any Error) -> AdminAuthFailure {
        switch (error as? JWTError)?.errorType {
        case .noKeyProvided?: .unknownKey
        case .malformedToken?: .malformedToken
        default: .badSignature
        }
    }

    /// The keys that may verify a token with this `alg` and `kid`.
    private func keys(for algorithm: JWSAlgorithm, kid: String?) async throws(AdminAuthFailure) -> JWTKeyCollection {
        switch keySource {
        case .fixed(let keySet):
            guard let keys = keySet.keys(for: algorithm) else { throw .algorithmNotAllowed }
            return keys
        case .jwks(let source):
            guard algorithm != .hs256 else { throw .algorithmNotAllowed }
            guard let kid, let keys = await source.keys(for: algorithm, kid: kid) else { throw .unknownKey }
            return keys
        }
    }
}
