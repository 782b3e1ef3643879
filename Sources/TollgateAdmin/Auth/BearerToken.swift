/// The token of an `Authorization: Bearer <token>` header (RFC 6750): the scheme is
/// case-insensitive, the token is `token68` characters.
enum BearerToken {
    /// The token.
    /// - Throws: Why the header does not carry one.
    static func parse(_ authorization: String?) throws(AdminAuthFailure) -> Substring {
        guard let authorization, !authorization.isEmpty else { throw .missingCredentials }
        let scheme = authorization.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { throw .notBearer }
        let token = authorization.dropFirst(scheme.count).drop { $0 == " " }
        guard !token.isEmpty, token.utf8.allSatisfy(isToken68) else { throw .malformedToken }
        return token
    }

    private static func isToken68(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"), UInt8(ascii: "="):
            true
        default: false
        }
    }
}
