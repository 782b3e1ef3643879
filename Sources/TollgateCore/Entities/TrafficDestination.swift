/// Where canary or mirrored traffic goes: an upstream by name, or a URL.
public enum TrafficDestination: Sendable, Hashable {
    case upstream(String)
    case url(UpstreamURL)

    /// Reads exactly one of `upstream` and `url`.
    static func read(_ reader: ObjectReader) -> TrafficDestination? {
        let upstream = reader.string("upstream", check: Syntax.name)
        let url = reader.url("url")
        switch (reader.has("upstream"), reader.has("url")) {
        case (true, true):
            reader.fail("url", "cannot be given together with upstream")
            return nil
        case (false, false):
            reader.fail("upstream", "one of upstream or url is required")
            return nil
        default:
            return upstream.map(TrafficDestination.upstream) ?? url.map(TrafficDestination.url)
        }
    }

    /// The upstream's name, when the destination is one.
    public var upstreamName: String? {
        if case .upstream(let name) = self { return name }
        return nil
    }

    var members: [String: JSONValue] {
        switch self {
        case .upstream(let name): ["upstream": .string(name), "url": .null]
        case .url(let url): ["upstream": .null, "url": .string(url.text)]
        }
    }
}
