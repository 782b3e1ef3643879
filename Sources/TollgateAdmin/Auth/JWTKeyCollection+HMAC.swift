import JWTKit

extension JWTKeyCollection {
    /// A collection whose default key is an HS256 secret.
    /// - Throws: ``AdminAuthConfigurationError/secretTooShort(length:)`` for a secret under
    ///   ``AdminAuthConfiguration/minimumSecretLength`` bytes.
    static func hs256(secret: [UInt8]) async throws(AdminAuthConfigurationError) -> JWTKeyCollection {
        guard secret.count >= AdminAuthConfiguration.minimumSecretLength else {
            throw .secretTooShort(length: secret.count)
        }
        return await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }
}
