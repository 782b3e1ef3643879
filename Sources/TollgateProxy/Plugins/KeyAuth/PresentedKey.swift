import NIOHTTP1

/// The API key a request carries, and where it was found.
struct PresentedKey {
    /// Where a key was found.
    enum Location {
        case header(String)
        case query(String)
    }

    /// What a search for the key found.
    enum Search {
        case none
        case one(PresentedKey)
        case several
    }

    let value: String
    let location: Location

    /// Looks for the key under each of `names`: in the headers first, then in the
    /// query string. Empty values do not count.
    static func find(names: [String], in head: HTTPRequestHead) -> Search {
        var found: PresentedKey?
        var several = false
        for name in names {
            head.headers.forEachValue(of: name) { value in
                guard !value.isEmpty else { return }
                several = several || found != nil
                found = PresentedKey(value: value, location: .header(name))
            }
        }
        if several { return .several }
        if let found { return .one(found) }
        guard head.uri.utf8.contains(UInt8(ascii: "?")) else { return .none }
        for name in names {
            for value in QueryParameters.values(named: name, in: head.uri) where !value.isEmpty {
                if found != nil { return .several }
                found = PresentedKey(value: value, location: .query(name))
            }
        }
        return found.map(Search.one) ?? .none
    }

    /// Removes the key from the request that goes upstream.
    func remove(from head: inout HTTPRequestHead) {
        switch location {
        case .header(let name): head.headers.remove(name: name)
        case .query(let name): head.uri = QueryParameters.removing(named: name, from: head.uri)
        }
    }
}
