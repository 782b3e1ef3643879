import JWTKit

/// A JSON Web Key Set as an identity provider publishes it, read key by key so that a key
/// jwt-kit cannot read (another key type or curve) does not hide the others.
struct JWKSDocument: Decodable, Sendable {
    /// One member of `keys`.
    struct Entry: Decodable, Sendable {
        /// The key, or nil when jwt-kit cannot read it.
        let key: JWK?
        /// The `use` member: `sig`, `enc` or absent.
        let use: String?

        private enum CodingKeys: String, CodingKey {
            case use
        }

        init(from decoder: any Decoder) throws {
            key = try? JWK(from: decoder)
            use = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .use)
        }
    }

    let keys: [Entry]
}
