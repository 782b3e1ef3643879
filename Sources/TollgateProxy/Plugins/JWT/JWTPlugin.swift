import Crypto
import Foundation
import NIOHTTP1
import TollgateCore

/// `jwt`: lets a request through only with a valid bearer token, and sets its
/// tenant from a claim.
///
/// The token's signature is checked on the event loop against the configured
/// `secret` (HS256/384/512), `public_key` (RS256/384/512, ES256, ES384, EdDSA,
/// by the key's type) or the keys of `jwks_url` (fetched in the background, never
/// on a request). `alg` must be one the key allows; `none` never is. Then the
/// claims of `claims_to_verify` must be present and hold (`exp`, `nbf`, and
/// `maximum_expiration` when set). The `tenant_claim` claim, when the token has
/// it, becomes the request's tenant and is sent upstream in the tenant header.
struct JWTPlugin: ProxyPlugin {
    static let factory = factory(schedule: .standard)

    /// The factory, with JWKS reloads on `schedule`.
    static func factory(schedule: JWKSSchedule) -> PluginFactory {
        PluginFactory(name: JWTSchema.name, priority: 1450) { input in
            try JWTPlugin(input, schedule: schedule)
        }
    }

    private let keys: JWTKeySource
    private let rules: JWTClaimRules
    private let tenantClaim: String
    private let headerNames: [String]
    private let tenantHeader: String

    var phases: PluginPhases { .access }

    init(_ input: PluginBuildInput, schedule: JWKSSchedule) throws {
        let config = try StoredPluginConfig(input.config, plugin: JWTSchema.name)
        let claims = try config.strings("claims_to_verify")
        rules = JWTClaimRules(
            checksExpiry: claims.contains(JWTSchema.Claim.exp.rawValue),
            checksNotBefore: claims.contains(JWTSchema.Claim.nbf.rawValue),
            maximumExpiration: try config.int("maximum_expiration"))
        tenantClaim = try config.string("tenant_claim")
        headerNames = try config.strings("header_names").map { $0.lowercased() }
        tenantHeader = input.environment.settings.tenantHeader
        let members = input.config.objectValue ?? [:]
        if let secret = members["secret"]?.stringValue {
            keys = .fixed(.hmac(SymmetricKey(data: Array(secret.utf8))))
        } else if let pem = members["public_key"]?.stringValue {
            keys = .fixed(try JWTVerificationKey(pem: pem))
        } else if let url = members["jwks_url"]?.stringValue {
            // Keyed by the URL too, so that a PATCH to another URL starts a fresh cache.
            keys = .jwks(
                input.state(key: "\(input.id.uuidString)/jwks/\(url)") {
                    JWKSKeyCache(url: url, schedule: schedule, logger: input.environment.logger)
                })
        } else {
            throw StoredConfigError(plugin: JWTSchema.name, field: "config.secret", expected: "one of secret, public_key or jwks_url")
        }
    }

    func access(_ context: RequestContext) -> PluginAccess {
        switch verify(context) {
        case .success(let tenant):
            if let tenant { context.authenticate(tenant: tenant, header: tenantHeader) }
            return .proceed
        case .failure(let rejection):
            return .respond(rejection.response)
        }
    }

    /// The tenant of a request with a valid token (nil when its token names none).
    private func verify(_ context: RequestContext) -> Result<String?, JWTRejection> {
        let text: Substring
        switch BearerToken.find(in: context.clientHead.headers, headerNames: headerNames) {
        case .none: return .failure(.missing)
        case .several: return .failure(.several)
        case .one(let found): text = found
        }
        guard let token = CompactJWT(text), let key = keys.key(for: token),
            key.verifies(token.signature, of: token.signingInput, algorithm: token.algorithm)
        else { return .failure(.invalid) }
        if let violation = rules.violation(in: token.claims, now: Double(time(nil))) { return .failure(violation) }
        return .success(Self.tenant(in: token.claims[tenantClaim]))
    }

    /// A tenant claim as text: a string, or an integer.
    private static func tenant(in claim: JSONValue?) -> String? {
        switch claim {
        case .string(let text) where !text.isEmpty: text
        case .int(let number): String(number)
        default: nil
        }
    }
}
