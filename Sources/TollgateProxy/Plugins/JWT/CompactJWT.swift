import TollgateCore

/// A token in JWS compact serialization (`header.payload.signature`), decoded
/// but not yet verified.
struct CompactJWT {
    /// The header's `alg`, when it is one the plugin verifies.
    let algorithm: JWTAlgorithm
    /// The header's `kid`, if any.
    let keyID: String?
    /// The claims.
    let claims: [String: JSONValue]
    /// The bytes the signature covers: `header.payload` as sent.
    let signingInput: [UInt8]
    let signature: [UInt8]

    /// Decodes `token`; nil when it is not three base64url parts holding two JSON
    /// objects and a signature, when `alg` is missing, `none` or unknown, or when
    /// the header marks extensions critical (`crit`), which the plugin does not implement.
    init?(_ token: Substring) {
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let header = JSONObjectParser.parseObject(headerBytes), header["crit"] == nil,
            let algorithm = header["alg"]?.stringValue.flatMap(JWTAlgorithm.init(rawValue:)),
            let payloadBytes = Base64URL.decode(parts[1]), let claims = JSONObjectParser.parseObject(payloadBytes),
            let signature = Base64URL.decode(parts[2]), !signature.isEmpty
        else { return nil }
        if let keyID = header["kid"] {
            guard let text = keyID.stringValue else { return nil }
            self.keyID = text
        } else {
            self.keyID = nil
        }
        self.algorithm = algorithm
        self.claims = claims
        self.signingInput = Array(token.utf8[parts[0].startIndex..<parts[1].endIndex])
        self.signature = signature
    }
}
