/// A request target split into its path and its query parameters, in order.
///
/// Parameters are kept as written (percent-encoded), so those no edit touches go
/// upstream byte for byte; names compare exactly, as Kong compares them.
struct EditableQuery: EditableFields {
    private struct Parameter {
        var name: Substring
        /// nil for a parameter written without `=`.
        var value: Substring?
    }

    private let path: Substring
    private var parameters: [Parameter]

    init(uri: String) {
        guard let mark = uri.firstIndex(of: "?") else {
            path = uri[...]
            parameters = []
            return
        }
        path = uri[..<mark]
        parameters = uri[uri.index(after: mark)...].split(separator: "&").map { text in
            let pair = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return Parameter(name: pair[0], value: pair.count == 2 ? pair[1] : nil)
        }
    }

    /// The request target with the edited query (no `?` when no parameter is left).
    var uri: String {
        guard !parameters.isEmpty else { return String(path) }
        let query = parameters.map { parameter in
            parameter.value.map { "\(parameter.name)=\($0)" } ?? String(parameter.name)
        }
        return "\(path)?\(query.joined(separator: "&"))"
    }

    func hasField(_ name: String) -> Bool {
        parameters.contains { $0.name == name }
    }

    mutating func removeField(_ name: String) {
        parameters.removeAll { $0.name == name }
    }

    mutating func renameField(_ old: String, to new: String) {
        guard old != new else { return }
        parameters.removeAll { $0.name == new }
        for index in parameters.indices where parameters[index].name == old { parameters[index].name = new[...] }
    }

    mutating func replaceField(_ name: String, with value: String) {
        guard let first = parameters.firstIndex(where: { $0.name == name }) else { return }
        parameters[first].value = value[...]
        parameters[parameters.index(after: first)...].removeAll { $0.name == name }
    }

    mutating func appendField(_ name: String, value: String) {
        parameters.append(Parameter(name: name[...], value: value[...]))
    }

    /// `text` with every byte outside RFC 3986's unreserved set percent-encoded.
    static func encoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
