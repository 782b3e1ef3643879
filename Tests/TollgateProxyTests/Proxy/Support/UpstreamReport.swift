import Foundation

/// What a ``TestUpstream`` received for one request; it answers with this as JSON
/// and keeps it in its log.
struct UpstreamReport: Codable, Sendable {
    /// The upstream's name.
    var upstream: String
    var method: String
    var uri: String
    /// The request line's version, as `HTTP/1.1`.
    var version: String
    /// Header name and value pairs, in the order received.
    var headers: [[String]]
    var bodyLength: Int
    /// Hex SHA-256 of the body.
    var bodySHA256: String
    /// The ordinal of the TCP connection the request came on (1 for the first accepted).
    var connection: Int

    /// Every value of header `name` (case-insensitive).
    func values(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }

    /// The first value of header `name`.
    func value(_ name: String) -> String? {
        values(name).first
    }

    /// Decodes the report a test upstream sent as a response body.
    static func decode(_ body: some Collection<UInt8>) throws -> UpstreamReport {
        try JSONDecoder().decode(UpstreamReport.self, from: Data(body))
    }

    func encoded() -> Data {
        // Encoding a plain struct of strings and integers cannot fail.
        (try? JSONEncoder().encode(self)) ?? Data()
    }
}
