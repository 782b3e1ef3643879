import NIOHTTP1

/// One entry of a route's `headers`: the request must carry the header with one of the values.
///
/// Names and values compare case-insensitively; each header line's whole value is
/// compared (a line is not split at commas), and any line with that name may satisfy it.
struct HeaderCondition: Sendable {
    /// The lowercased header name.
    let name: [UInt8]
    /// The accepted values, lowercased.
    let values: [[UInt8]]

    init(name: String, values: [String]) {
        self.name = ASCII.lowercasedBytes(name)
        self.values = values.map(ASCII.lowercasedBytes)
    }

    func isSatisfied(by headers: HTTPHeaders) -> Bool {
        for (headerName, headerValue) in headers where ASCII.equalsIgnoringCase(headerName, name) {
            for value in values where ASCII.equalsIgnoringCase(headerValue, value) { return true }
        }
        return false
    }
}
