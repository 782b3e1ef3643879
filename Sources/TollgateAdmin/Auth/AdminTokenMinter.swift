import Foundation
import JWTKit
import TollgateCore

/// Mints HS256 admin tokens: `tollgate token` and the token printed at first start.
///
/// A token carries `sub`, `roles: [role]`, `iat`, `exp`, and `iss` / `aud` when configured,
/// so that an ``AdminTokenVerifier`` with the same secret, issuer and audience accepts it.
public struct AdminTokenMinter: Sendable {
    private let keys: JWTKeyCollection
    private let issuer: String?
    private let audience: String?

    /// - Parameters:
    ///   - secret: The HS256 secret, at least ``AdminAuthConfiguration/minimumSecretLength`` bytes.
    ///   - issuer: The `iss` to write, if the server requires one.
    ///   - audience: The `aud` to write, if the server requires one.
    /// - Throws: ``AdminAuthConfigurationError/secretTooShort(length:)``.
    public init(secret: [UInt8], issuer: String? = nil, audience: String? = nil)
        async throws(AdminAuthConfigurationError)
    {
        keys = try await .hs256(secret: secret)
        self.issuer = issuer
        self.audience = audience
    }

    /// A signed token.
    /// - Parameters:
    ///   - subject: The `sub` claim: who the token is for (logged with each request).
    ///   - role: The one role the token carries (`ADMIN` grants access).
    ///   - ttl: How long the token is valid; must be more than zero.
    ///   - now: The issue time.
    /// - Throws: ``AdminAuthConfigurationError/invalidDuration(setting:allowsZero:)`` for a TTL
    ///   that is not above zero.
    public func mint(subject: String, role: String = "ADMIN", ttl: Duration, now: Date = Date()) async throws -> String
    {
        guard ttl > .zero else {
            throw AdminAuthConfigurationError.invalidDuration(setting: "token TTL", allowsZero: false)
        }
        let issuedAt = Int(now.timeIntervalSince1970)
        var claims: [String: JSONValue] = [
            "sub": .string(subject), "roles": [.string(role)], "iat": .int(issuedAt),
            "exp": .int(issuedAt + Int(ttl.components.seconds)),
        ]
        claims["iss"] = issuer.map(JSONValue.string)
        claims["aud"] = audience.map(JSONValue.string)
        return try await keys.sign(AdminTokenClaims(claims))
    }
}
