/// The `If-Match` check every write with a precondition goes through.
public enum Precondition {
    /// Throws ``GatewayError/preconditionFailed(_:)`` unless `ifMatch` is absent,
    /// `*` with an existing entity, or equal to the entity's current etag.
    /// - Parameters:
    ///   - ifMatch: The header's value (quotes and a weak `W/` prefix ignored), nil when not sent.
    ///   - current: The entity's current etag, nil when it does not exist.
    public static func check(_ ifMatch: String?, current: String?) throws(GatewayError) {
        guard let ifMatch else { return }
        let accepted = ifMatch.split(separator: ",").map { tag in
            var text = tag.trimmed(of: " \t")
            if text.hasPrefix("W/") { text.removeFirst(2) }
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
            return text
        }
        guard let current else {
            throw .preconditionFailed("If-Match was given but the entity does not exist")
        }
        guard accepted.contains("*") || accepted.contains(current) else {
            throw .preconditionFailed("If-Match does not match the current etag \"\(current)\"")
        }
    }
}

extension StringProtocol {
    func trimmed(of set: String) -> String {
        let characters = Set(set)
        let start = firstIndex { !characters.contains($0) } ?? endIndex
        let end = lastIndex { !characters.contains($0) }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
