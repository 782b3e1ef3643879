/// The edits of one target of a transformer (`headers` or `querystring`), read
/// from its stored configuration once and applied in Kong's order: remove, rename,
/// replace (only fields present), add (only fields absent), append.
struct FieldEdits: Sendable {
    /// A `name:value` entry (`old:new` for a rename).
    struct Entry: Sendable {
        let name: String
        let value: String
    }

    private let remove: [String]
    private let rename: [Entry]
    private let replace: [Entry]
    private let add: [Entry]
    private let append: [Entry]
    /// Whether there is nothing to do.
    let isEmpty: Bool

    /// Reads the `target` list of each part (`add`, `append`, …) of a transformer's configuration.
    /// - Parameter encode: How names and values are written into the fields (query
    ///   parameters are percent-encoded; headers are used as they are).
    init(_ config: StoredPluginConfig, target: String, encode: (String) -> String = { $0 }) throws(StoredConfigError) {
        func entries(_ part: String) throws(StoredConfigError) -> [Entry] {
            try config.object(part).strings(target).map { text in
                let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                return Entry(name: encode(String(pair[0])), value: encode(pair.count == 2 ? String(pair[1]) : ""))
            }
        }
        remove = try config.object("remove").strings(target).map(encode)
        rename = try entries("rename")
        replace = try entries("replace")
        add = try entries("add")
        append = try entries("append")
        isEmpty = remove.isEmpty && rename.isEmpty && replace.isEmpty && add.isEmpty && append.isEmpty
    }

    func apply<Fields: EditableFields>(to fields: inout Fields) {
        for name in remove { fields.removeField(name) }
        for entry in rename where fields.hasField(entry.name) { fields.renameField(entry.name, to: entry.value) }
        for entry in replace where fields.hasField(entry.name) { fields.replaceField(entry.name, with: entry.value) }
        for entry in add where !fields.hasField(entry.name) { fields.appendField(entry.name, value: entry.value) }
        for entry in append { fields.appendField(entry.name, value: entry.value) }
    }
}
