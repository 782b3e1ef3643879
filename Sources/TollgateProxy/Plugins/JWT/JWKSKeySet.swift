import TollgateCore

/// The usable keys of one fetched JWKS document, by `kid`.
struct JWKSKeySet: Sendable {
    /// A key and the algorithm its JWK pins (`alg`), if any.
    struct Entry: Sendable {
        let key: JWTVerificationKey
        let algorithm: JWTAlgorithm?
    }

    private let keys: [String: Entry]
    /// The only key, when the set has exactly one: tokens without a `kid` may use it.
    private let soleKey: Entry?

    static let empty = JWKSKeySet(keys: [:])

    private init(keys: [String: Entry]) {
        self.keys = keys
        soleKey = keys.count == 1 ? keys.first?.value : nil
    }

    /// The key for a token's `kid`. A token without one is verified only when the
    /// set holds a single key, so that no token is checked against a key it did not name.
    func entry(for keyID: String?) -> Entry? {
        guard let keyID else { return soleKey }
        return keys[keyID]
    }

    /// Reads a JWKS document (`{"keys": [...]}`), keeping keys that have a `kid`,
    /// are meant for signatures and can be loaded; `skipped` says why others were left out.
    static func read(_ document: JSONValue) -> (keys: JWKSKeySet, skipped: [String])? {
        guard case .array(let items) = document.objectValue?["keys"] else { return nil }
        var keys: [String: Entry] = [:]
        var skipped: [String] = []
        for (index, item) in items.enumerated() {
            guard let members = item.objectValue, let keyID = members["kid"]?.stringValue else {
                skipped.append("key \(index) has no kid")
                continue
            }
            if let use = members["use"]?.stringValue, use != "sig" {
                skipped.append("key '\(keyID)' is for '\(use)', not signatures")
                continue
            }
            do {
                let algorithm = members["alg"]?.stringValue.map(JWTAlgorithm.init(rawValue:))
                if algorithm == .some(nil) {
                    skipped.append("key '\(keyID)' pins an algorithm the gateway does not verify")
                    continue
                }
                keys[keyID] = Entry(key: try JWTVerificationKey(jwk: members), algorithm: algorithm ?? nil)
            } catch {
                skipped.append("key '\(keyID)' \(error)")
            }
        }
        return (JWKSKeySet(keys: keys), skipped)
    }
}
