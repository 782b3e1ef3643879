import Foundation

/// How the management API authenticates its callers: where the verification keys come
/// from, which `iss` / `aud` tokens must carry, and where the roles are.
///
/// Build an ``AdminTokenVerifier`` from it at start-up; that is where every setting is
/// checked, and a bad one is thrown as an ``AdminAuthConfigurationError``.
public struct AdminAuthConfiguration: Sendable {
    /// Where the keys that verify admin tokens come from.
    public enum Keys: Sendable {
        /// An HS256 shared secret of at least ``AdminAuthConfiguration/minimumSecretLength`` bytes.
        case hmacSecret([UInt8])
        /// A public key in PEM: RSA (RS256, RS384, RS512), EC P-256 (ES256), EC P-384 (ES384)
        /// or Ed25519 (EdDSA). The key type is read from the PEM.
        case publicKeyPEM(String)
        /// A JSON Web Key Set fetched over HTTP(S); every key must have a `kid`.
        case jwks(url: String)

        /// The PEM public key stored in a file.
        /// - Throws: ``AdminAuthConfigurationError/unreadablePublicKeyFile(path:reason:)``.
        public static func publicKeyFile(atPath path: String) throws(AdminAuthConfigurationError) -> Keys {
            do {
                return .publicKeyPEM(try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw .unreadablePublicKeyFile(path: path, reason: error.localizedDescription)
            }
        }
    }

    /// The shortest HS256 secret Tollgate accepts, in bytes.
    public static let minimumSecretLength = 32
    /// The role claim read by default; `role` is read when it is absent.
    public static let defaultRoleClaimPath = "roles"

    /// The verification keys.
    public var keys: Keys
    /// When set, tokens must carry exactly this `iss`.
    public var issuer: String?
    /// When set, tokens must name this audience in `aud` (a string or an array of strings).
    public var audience: String?
    /// The claim that holds the caller's roles: a claim name or a dotted path into nested
    /// objects (`realm_access.roles`). The default, `roles`, falls back to `role` when absent.
    public var roleClaimPath: String
    /// How far `exp` and `nbf` may be off because of clock skew.
    public var clockLeeway: Duration
    /// How a JWKS is fetched and refreshed (used with ``Keys/jwks(url:)`` only).
    public var jwks: JWKSOptions

    /// - Parameters:
    ///   - keys: The verification keys.
    ///   - issuer: The required `iss`, if any.
    ///   - audience: The required audience, if any.
    ///   - roleClaimPath: The claim holding the roles (default `roles`).
    ///   - clockLeeway: The allowed clock skew for `exp` and `nbf` (default 60 seconds).
    ///   - jwks: JWKS fetching and refresh settings.
    public init(
        keys: Keys, issuer: String? = nil, audience: String? = nil, roleClaimPath: String = defaultRoleClaimPath,
        clockLeeway: Duration = .seconds(60), jwks: JWKSOptions = JWKSOptions()
    ) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.roleClaimPath = roleClaimPath
        self.clockLeeway = clockLeeway
        self.jwks = jwks
    }
}
