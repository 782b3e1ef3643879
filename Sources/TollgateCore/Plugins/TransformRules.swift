/// The edits shared by `request-transformer` and `response-transformer`: the parts
/// `add`, `append`, `replace`, `rename` and `remove`, each holding a list per target
/// (`headers`, and `querystring` for requests).
///
/// Entries are strings: `name:value` for add, append and replace, `old:new` for
/// rename, a bare name for remove. Every part and every list is stored, empty when
/// not given.
enum TransformRules {
    /// What a list edits.
    enum Target: String, CaseIterable {
        case headers, querystring

        /// What a name of this target must be, for messages.
        var nameRule: String {
            switch self {
            case .headers: "a valid HTTP header name"
            case .querystring: "a query parameter name (no spaces, &, =, # or :)"
            }
        }

        func isName(_ name: Substring) -> Bool {
            switch self {
            case .headers:
                return Syntax.headerName(String(name)) == nil
            case .querystring:
                return (1...256).contains(name.utf8.count)
                    && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !Array("&=#:".utf8).contains($0) }
            }
        }
    }

    /// One part of the configuration.
    enum Operation: String, CaseIterable {
        case add, append, replace, rename, remove

        /// Checks one entry of this part's `target` list; nil when acceptable.
        func check(_ entry: String, for target: Target) -> String? {
            let pair = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if target == .headers,
                let framing = pair.prefix(self == .rename ? 2 : 1).first(where: { TransformRules.isFraming($0) })
            {
                return "cannot edit \(framing.lowercased()): the gateway writes the framing headers "
                    + "(\(TransformRules.framingHeaders.joined(separator: ", "))) itself"
            }
            switch self {
            case .remove:
                return target.isName(entry[...]) ? nil : "must be \(target.nameRule)"
            case .rename:
                guard pair.count == 2, target.isName(pair[0]), target.isName(pair[1]) else {
                    return "must be \"old:new\" where old and new are each \(target.nameRule)"
                }
                return nil
            case .add, .append, .replace:
                guard pair.count == 2, target.isName(pair[0]) else {
                    return "must be \"name:value\" where name is \(target.nameRule)"
                }
                return Syntax.headerValue(String(pair[1])) == nil
                    ? nil : "must be \"name:value\" where value has no line breaks or control characters"
            }
        }
    }

    /// Headers that frame a message or its connection: editing them could make the
    /// upstream or the client read a body differently from the gateway.
    static let framingHeaders = ["connection", "content-length", "transfer-encoding"]

    static func isFraming(_ name: Substring) -> Bool {
        framingHeaders.contains(name.lowercased())
    }

    /// Reads every part for `targets`; nil after recording errors.
    static func read(_ config: ObjectReader, targets: [Target]) -> JSONValue? {
        let errorsBefore = config.validator.errors.count
        var parts: [String: JSONValue] = [:]
        for operation in Operation.allCases {
            let part = config.object(operation.rawValue)
            var lists: [String: JSONValue] = [:]
            for target in targets {
                let entries = part?.strings(target.rawValue, default: []) { operation.check($0, for: target) }
                lists[target.rawValue] = JSONValue(entries ?? [])
            }
            part?.rejectUnknown()
            parts[operation.rawValue] = .object(lists)
        }
        return config.validator.errors.count == errorsBefore ? .object(parts) : nil
    }
}
