import NIOHTTP1

/// Finds the token of a request in the `jwt` plugin's configured headers.
///
/// `Authorization` must use the `Bearer` scheme (any case); another configured
/// header may carry `Bearer <token>` or the bare token.
enum BearerToken {
    /// What a search found.
    enum Search {
        case none
        case one(Substring)
        case several
    }

    /// Looks in `headerNames` (lowercased) of `headers`.
    static func find(in headers: HTTPHeaders, headerNames: [String]) -> Search {
        var found: Substring?
        for name in headerNames {
            for value in headers[name] {
                guard let token = token(in: value, isAuthorization: name == "authorization") else { continue }
                if found != nil { return .several }
                found = token
            }
        }
        return found.map(Search.one) ?? .none
    }

    private static func token(in value: String, isAuthorization: Bool) -> Substring? {
        let trimmed = value.drop { $0 == " " || $0 == "\t" }
        let scheme = trimmed.prefix { $0 != " " && $0 != "\t" }
        if scheme.lowercased() == "bearer" {
            let token = trimmed.dropFirst(scheme.count).drop { $0 == " " || $0 == "\t" }
            return token.isEmpty ? nil : token
        }
        return isAuthorization || trimmed.isEmpty ? nil : trimmed
    }
}
