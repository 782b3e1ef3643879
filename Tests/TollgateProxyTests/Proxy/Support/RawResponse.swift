import Foundation

/// An HTTP response parsed from raw bytes (content-length bodies, or none).
struct RawResponse: Sendable {
    var status: Int
    /// Header name (lowercased) and value pairs.
    var headers: [(String, String)]
    var body: [UInt8]
    /// Bytes of the stream this response took.
    var length: Int

    func values(_ name: String) -> [String] {
        headers.filter { $0.0 == name.lowercased() }.map(\.1)
    }

    func value(_ name: String) -> String? {
        values(name).first
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first complete response at the start of `bytes`; nil while incomplete.
    /// A response without `content-length` is complete only when `closed`;
    /// a `bodyless` one (the answer to HEAD) ends with its head.
    static func parse(_ bytes: ArraySlice<UInt8>, closed: Bool, bodyless: Bool = false) -> RawResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = bytes.firstRange(of: separator) else { return nil }
        let lines = String(decoding: bytes[bytes.startIndex..<headEnd.lowerBound], as: UTF8.self)
            .components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                line[..<colon].lowercased(),
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        let bodyStart = headEnd.upperBound
        let headLength = bodyStart - bytes.startIndex
        let contentLength = headers.first { $0.0 == "content-length" }.flatMap { Int($0.1) }
        let bodyLength: Int
        if bodyless || (100..<200).contains(status) || status == 204 || status == 304 {
            bodyLength = 0
        } else if let contentLength {
            bodyLength = contentLength
        } else if closed {
            bodyLength = bytes.endIndex - bodyStart
        } else {
            return nil
        }
        guard bytes.endIndex - bodyStart >= bodyLength else { return nil }
        return RawResponse(
            status: status, headers: headers, body: Array(bytes[bodyStart..<bodyStart + bodyLength]),
            length: headLength + bodyLength)
    }
}
