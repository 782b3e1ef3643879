/// Syntax rules used by several plugin schemas.
extension Syntax {
    /// An HTTP method as a client writes it: 1 to 32 uppercase letters (`GET`, `PURGE`).
    public static func httpMethod(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard (1...32).contains(bytes.count), bytes.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else { return "must be an uppercase HTTP method such as GET" }
        return nil
    }

    /// An `http://` or `https://` URL that may carry a query but no fragment or
    /// credentials: `https://logs.example.com:8443/ingest?source=tollgate`.
    public static func webURL(_ text: String) -> String? {
        guard text.utf8.count <= 4096 else { return "must be a URL of at most 4096 bytes" }
        if text.contains("#") { return "must not have a fragment (#…)" }
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, !parts[1].utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) {
            return "must have a query without spaces or control characters; percent-encode them"
        }
        if case .failure(let error) = UpstreamURL.parse(String(parts[0])) { return error.message }
        return nil
    }
}
