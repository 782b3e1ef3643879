import Logging
import TollgateAdmin

/// The admin token verifier `serve` runs with, and the token printed on a first start.
struct AdminAuthentication {
    let verifier: AdminTokenVerifier
    /// An ADMIN token valid one hour, when this start generated the secret.
    let firstStartToken: String?

    /// Builds the verifier from the settings: a public key file, a JWKS URL, or an
    /// HS256 secret (given, or generated into the data directory on first start).
    static func start(settings: ServeSettings, options: AuthOptions, logger: Logger) async throws -> AdminAuthentication {
        var firstStartToken: String?
        let keys: AdminAuthConfiguration.Keys
        if let path = settings.jwtPublicKeyFile {
            keys = try await configurationValue { () throws(AdminAuthConfigurationError) in try .publicKeyFile(atPath: path) }
        } else if let url = settings.jwksURL {
            keys = .jwks(url: url)
        } else {
            let (secret, created) = try options.hmacSecret()
            keys = .hmacSecret(secret)
            if created {
                let minter = try await configurationValue { () async throws(AdminAuthConfigurationError) in
                    try await AdminTokenMinter(secret: secret, issuer: settings.issuer, audience: settings.audience)
                }
                firstStartToken = try await minter.mint(subject: "admin", role: "ADMIN", ttl: .seconds(3600))
            }
        }
        let configuration = AdminAuthConfiguration(
            keys: keys, issuer: settings.issuer, audience: settings.audience, roleClaimPath: settings.roleClaim)
        let verifier = try await configurationValue { () async throws(AdminAuthConfigurationError) in
            try await AdminTokenVerifier(configuration: configuration, logger: logger)
        }
        return AdminAuthentication(verifier: verifier, firstStartToken: firstStartToken)
    }

    /// Runs `body`, reporting a refused auth setting as a usage error (exit status 2).
    private static func configurationValue<Value>(
        _ body: () async throws(AdminAuthConfigurationError) -> Value
    ) async throws -> Value {
        do {
            return try await body()
        } catch {
            throw UsageError(error.description)
        }
    }
}
