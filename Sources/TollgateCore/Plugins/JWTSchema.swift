/// `jwt`: verifies client tokens with an HS256 secret, a PEM public key or a JWKS
/// URL, and reads the request's tenant from a claim.
///
/// Exactly one key source is stored non-null. Responses show the secret only as
/// `secret_fingerprint`.
public enum JWTSchema: PluginSchema {
    public static let name = "jwt"

    /// Registered claims the plugin can check.
    public enum Claim: String, CaseIterable, Sendable {
        case exp, nbf
    }

    /// The fields that name where verification keys come from; exactly one is given.
    static let keySources = ["secret", "public_key", "jwks_url"]
    /// Kong's bound on `maximum_expiration`: one year, in seconds.
    static let expirations = 0...31_536_000

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let secret = config.string("secret") { $0.utf8.count >= 32 ? nil : "must be at least 32 bytes for HS256" }
        let publicKey = config.string("public_key", check: PEMPublicKey.check)
        let jwksURL = config.string("jwks_url", check: Syntax.webURL)
        let hasOneKeySource = checkOneKeySource(config)
        let claims = config.strings("claims_to_verify", default: [Claim.exp.rawValue]) { claim in
            Claim(rawValue: claim) == nil
                ? "must be one of \(Claim.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))" : nil
        }
        let tenantClaim = config.string("tenant_claim", default: "tenant_id") { claim in
            (1...256).contains(claim.utf8.count) && claim.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F })
                ? nil : "must be a claim name such as tenant_id"
        }
        let headerNames = config.strings("header_names", default: ["authorization"], check: Syntax.headerName)
        if headerNames?.isEmpty == true { config.fail("header_names", "must name at least one header") }
        let maximumExpiration = config.int("maximum_expiration", in: expirations, default: 0)
        if let maximumExpiration, maximumExpiration > 0, let claims, !claims.contains(Claim.exp.rawValue) {
            config.fail("maximum_expiration", "requires 'exp' in claims_to_verify")
        }
        guard hasOneKeySource, secret != nil || publicKey != nil || jwksURL != nil, let claims, let tenantClaim,
            let headerNames, !headerNames.isEmpty, let maximumExpiration
        else { return nil }
        return [
            "secret": JSONValue(secret), "public_key": JSONValue(publicKey), "jwks_url": JSONValue(jwksURL),
            "claims_to_verify": JSONValue(claims), "tenant_claim": .string(tenantClaim),
            "header_names": JSONValue(headerNames), "maximum_expiration": .int(maximumExpiration),
        ]
    }

    /// Replaces `secret` by `secret_fingerprint` (null when the plugin uses another key source).
    public static func publicView(_ stored: JSONValue) -> JSONValue {
        guard case .object(var members) = stored else { return stored }
        let secret = members.removeValue(forKey: "secret")?.stringValue
        members["secret_fingerprint"] = JSONValue(
            secret.map { SecretDigest.fingerprint(ofDigest: SecretDigest.sha256Hex($0)) })
        return .object(members)
    }

    /// Records an error unless exactly one of ``keySources`` is present.
    private static func checkOneKeySource(_ config: ObjectReader) -> Bool {
        let given = keySources.filter(config.has)
        guard let first = given.first else {
            config.fail("secret", "is required: give one of secret, public_key or jwks_url")
            return false
        }
        for extra in given.dropFirst() {
            config.fail(
                extra,
                "cannot be given together with \(first); give exactly one of secret, public_key or jwks_url "
                    + "and set the others to null")
        }
        return given.count == 1
    }
}
