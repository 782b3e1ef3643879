/// `cors`: answers preflight requests and adds `Access-Control-*` headers.
///
/// `origins` lists `*`, exact origins (`https://app.example.com`) or regular
/// expressions prefixed with `~`. Empty `headers` means the preflight's requested
/// headers are allowed, as in Kong; a null `max_age` sends no `Access-Control-Max-Age`.
public enum CORSSchema: PluginSchema {
    public static let name = "cors"

    /// The methods allowed when the client names none (Kong's list).
    public static let defaultMethods = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"]

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let origins = config.strings("origins", default: ["*"], check: checkOrigin)
        if origins?.isEmpty == true {
            config.fail("origins", "must list at least one origin; use [\"*\"] to allow any origin")
        }
        let methods = config.strings("methods", default: defaultMethods, check: Syntax.httpMethod)
        let headers = config.strings("headers", default: [], check: Syntax.headerName)
        let exposed = config.strings("exposed_headers", default: [], check: Syntax.headerName)
        let credentials = config.bool("credentials", default: false)
        let maxAge = config.int("max_age", in: 0...Int(Int32.max))
        let preflightContinue = config.bool("preflight_continue", default: false)
        guard let origins, !origins.isEmpty, let methods, let headers, let exposed, let credentials,
            let preflightContinue
        else { return nil }
        return [
            "origins": JSONValue(origins), "methods": JSONValue(methods), "headers": JSONValue(headers),
            "exposed_headers": JSONValue(exposed), "credentials": .bool(credentials), "max_age": JSONValue(maxAge),
            "preflight_continue": .bool(preflightContinue),
        ]
    }

    /// `*`, `scheme://host[:port]`, or `~` and a regular expression that compiles.
    static func checkOrigin(_ text: String) -> String? {
        if text == "*" { return nil }
        if text.hasPrefix("~") {
            let pattern = String(text.dropFirst())
            guard !pattern.isEmpty else { return "must have a regular expression after ~" }
            do {
                _ = try Regex(pattern)
            } catch {
                return "must be a valid regular expression after ~: \(error)"
            }
            return nil
        }
        guard let separator = text.firstRange(of: "://"), isScheme(text[..<separator.lowerBound]),
            HostPort.split(text[separator.upperBound...], defaultPort: 1) != nil
        else {
            return "must be \"*\", an origin such as https://app.example.com (scheme, host, optional port, no path) "
                + "or ~ and a regular expression"
        }
        return nil
    }

    /// A URI scheme: a letter, then letters, digits, `+`, `-` or `.`.
    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, Syntax.isAlphanumeric(first), !Syntax.isDigit(first) else { return false }
        return text.utf8.allSatisfy { Syntax.isAlphanumeric($0) || Array("+-.".utf8).contains($0) }
    }
}
