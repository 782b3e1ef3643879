import NIOHTTP1

/// The 401 answers of `key-auth`, built once.
enum KeyAuthRejection {
    private static let challenge: HTTPHeaders = ["WWW-Authenticate": #"Key realm="tollgate""#]

    /// No key in any of the configured headers or query parameters.
    static func missing(keyNames: [String]) -> LocalResponse {
        let names = keyNames.map { "'\($0)'" }.joined(separator: ", ")
        return LocalResponse(
            .unauthorized, detail: "no API key found: send it in the header or query parameter \(names)",
            headers: challenge)
    }

    /// More than one key: the gateway will not guess which one counts.
    static let duplicate = LocalResponse(
        .unauthorized, detail: "several API keys were sent; send exactly one", headers: challenge)

    /// A key that matches no configured key.
    static let invalid = LocalResponse(.unauthorized, detail: "invalid authentication credentials", headers: challenge)
}
