/// Why an admin authentication setting was refused at start-up.
///
/// The message says what to change; the CLI prints it and exits with status 2.
public enum AdminAuthConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HS256 secret is shorter than ``AdminAuthConfiguration/minimumSecretLength`` bytes.
    case secretTooShort(length: Int)
    /// The public key file could not be read.
    case unreadablePublicKeyFile(path: String, reason: String)
    /// The PEM text is not a supported public key.
    case invalidPublicKey
    /// The PEM text holds a private key where the public key was expected.
    case privateKeyGiven
    /// The JWKS URL is not an absolute `http` or `https` URL.
    case invalidJWKSURL(String)
    /// The role claim path is empty or has an empty segment.
    case invalidRoleClaimPath(String)
    /// A duration setting is negative, or zero where it must be positive.
    case invalidDuration(setting: String, allowsZero: Bool)
    /// The secret file exists but cannot be used.
    case unusableSecretFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .secretTooShort(let length):
            "the admin JWT secret has \(length) bytes; use at least \(AdminAuthConfiguration.minimumSecretLength) "
                + "random bytes (for example `openssl rand -base64 32`)"
        case .unreadablePublicKeyFile(let path, let reason):
            "cannot read the admin JWT public key file \(path): \(reason)"
        case .invalidPublicKey:
            "the admin JWT public key is not a PEM public key of a supported type; give an RSA (2048 bits or more), "
                + "EC P-256, EC P-384 or Ed25519 key as `-----BEGIN PUBLIC KEY-----`"
        case .privateKeyGiven:
            "the admin JWT public key PEM holds a private key; give only the public key "
                + "(`openssl pkey -in key.pem -pubout`)"
        case .invalidJWKSURL(let url):
            "the admin JWKS URL \"\(url)\" is not an absolute http(s) URL"
        case .invalidRoleClaimPath(let path):
            "the admin role claim path \"\(path)\" is invalid; name a claim, or a dotted path such as realm_access.roles"
        case .invalidDuration(let setting, let allowsZero):
            "the admin auth setting \(setting) must be \(allowsZero ? "zero or more" : "more than zero")"
        case .unusableSecretFile(let path, let reason):
            "cannot use the admin JWT secret file \(path): \(reason)"
        }
    }
}
