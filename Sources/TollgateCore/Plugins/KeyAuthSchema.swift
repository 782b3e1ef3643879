/// `key-auth`: authenticates clients by an API key sent in a header or query
/// parameter, and sets the request's tenant from the key.
///
/// Keys are stored only as `key_sha256` (lowercase hex). A body may give an entry
/// either as `key` (the secret, hashed here) or as `key_sha256` (an already
/// stored entry, as a PATCH merged over the stored config carries). Responses show
/// each key as `fingerprint` (`sha256:` and 12 hex digits).
public enum KeyAuthSchema: PluginSchema {
    public static let name = "key-auth"

    /// The length of a key, in characters.
    static let keyLengths = 8...512

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let keyNames = config.strings("key_names", default: ["apikey"], check: Syntax.headerName)
        if keyNames?.isEmpty == true { config.fail("key_names", "must name at least one header or query parameter") }
        let keys = readKeys(config)
        let hideCredentials = config.bool("hide_credentials", default: true)
        guard let keyNames, !keyNames.isEmpty, let keys, let hideCredentials else { return nil }
        return ["key_names": JSONValue(keyNames), "keys": .array(keys), "hide_credentials": .bool(hideCredentials)]
    }

    /// Replaces each entry's `key_sha256` by its `fingerprint`.
    public static func publicView(_ stored: JSONValue) -> JSONValue {
        guard case .object(var members) = stored, case .array(let keys) = members["keys"] else { return stored }
        members["keys"] = .array(
            keys.map { entry in
                guard case .object(var fields) = entry,
                    let digest = fields.removeValue(forKey: "key_sha256")?.stringValue
                else { return entry }
                fields["fingerprint"] = .string(SecretDigest.fingerprint(ofDigest: digest))
                return .object(fields)
            })
        return .object(members)
    }

    /// Reads `keys` (default empty) as stored entries, refusing a key given twice.
    private static func readKeys(_ config: ObjectReader) -> [JSONValue]? {
        guard let entries = config.objects("keys") else { return config.has("keys") ? nil : [] }
        var firstUse: [String: String] = [:]
        var stored: [JSONValue] = []
        for entry in entries {
            let digest = readDigest(entry)
            let tenant = entry.string("tenant", required: true, check: Syntax.tenantID)
            entry.rejectUnknown()
            guard let (field, hex) = digest, let tenant else { continue }
            if let earlier = firstUse[hex] {
                entry.fail(field, "is the same key as \(earlier); each key must be unique")
                continue
            }
            firstUse[hex] = entry.path
            stored.append(["key_sha256": .string(hex), "tenant": .string(tenant)])
        }
        return stored.count == entries.count ? stored : nil
    }

    /// The field an entry's key was given in and the key's digest.
    private static func readDigest(_ entry: ObjectReader) -> (field: String, digest: String)? {
        let given = (key: entry.has("key"), digest: entry.has("key_sha256"))
        if given.key == given.digest {
            _ = (entry.raw("key"), entry.raw("key_sha256"))
            if given.key {
                entry.fail(
                    "key_sha256", "cannot be given together with key; give the key, or key_sha256 for a stored key")
            } else {
                entry.fail("key", "is required (or key_sha256 for a stored key)")
            }
            return nil
        }
        if given.key {
            _ = entry.raw("key_sha256")
            let key = entry.string("key") { key in
                keyLengths.contains(key.count) && key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
                    ? nil : "must be \(keyLengths.lowerBound) to \(keyLengths.upperBound) visible ASCII characters"
            }
            return key.map { ("key", SecretDigest.sha256Hex($0)) }
        }
        _ = entry.raw("key")
        let digest = entry.string("key_sha256") { SecretDigest.isSHA256Hex($0) ? nil : "must be 64 hexadecimal digits" }
        return digest.map { ("key_sha256", $0.lowercased()) }
    }
}
