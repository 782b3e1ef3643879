import TollgateCore

/// One request the emulator received, as the tests assert it.
struct RecordedKongRequest: Sendable, Hashable, CustomStringConvertible {
    let method: String
    /// The path with its query, percent-encoding kept.
    let path: String
    /// The JSON body, nil when there was none.
    let body: JSONValue?
    /// The `Kong-Admin-Token` header, when sent.
    let adminToken: String?

    /// Whether it changed something (not a `GET`).
    var isWrite: Bool { method != "GET" }

    /// `METHOD path`.
    var line: String { "\(method) \(path)" }

    var description: String {
        body.map { "\(line) \(JSONCoding.string($0))" } ?? line
    }
}
