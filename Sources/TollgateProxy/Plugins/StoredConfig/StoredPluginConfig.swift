import TollgateCore

/// Typed reads of a plugin's stored configuration, done once when the plugin is built.
///
/// The plugin's schema wrote the configuration complete, so a missing or mistyped
/// field is a defect, not a user error: reading it throws, and the routes of that
/// plugin instance answer 500 with a log line naming the field.
struct StoredPluginConfig {
    /// The plugin the configuration belongs to, for error messages.
    let plugin: String
    /// Where this object sits in the configuration (`config`, `config.add`).
    let path: String
    private let members: [String: JSONValue]

    /// - Parameters:
    ///   - config: The stored configuration (a JSON object).
    ///   - plugin: The plugin's name.
    init(_ config: JSONValue, plugin: String) throws(StoredConfigError) {
        try self.init(config, plugin: plugin, path: "config")
    }

    private init(_ value: JSONValue, plugin: String, path: String) throws(StoredConfigError) {
        guard let members = value.objectValue else {
            throw StoredConfigError(plugin: plugin, field: path, expected: "an object")
        }
        self.plugin = plugin
        self.path = path
        self.members = members
    }

    func string(_ key: String) throws(StoredConfigError) -> String {
        try read(key, expected: "a string") { $0.stringValue }
    }

    func bool(_ key: String) throws(StoredConfigError) -> Bool {
        try read(key, expected: "a boolean") { value in
            if case .bool(let flag) = value { return flag }
            return nil
        }
    }

    func int(_ key: String) throws(StoredConfigError) -> Int {
        try read(key, expected: "an integer") { $0.intValue }
    }

    /// An integer that may be null (absent counts as null).
    func optionalInt(_ key: String) throws(StoredConfigError) -> Int? {
        guard let value = members[key], value != .null else { return nil }
        return try int(key)
    }

    func strings(_ key: String) throws(StoredConfigError) -> [String] {
        try read(key, expected: "an array of strings") { value in
            guard case .array(let items) = value else { return nil }
            let texts = items.compactMap(\.stringValue)
            return texts.count == items.count ? texts : nil
        }
    }

    /// A nested object.
    func object(_ key: String) throws(StoredConfigError) -> StoredPluginConfig {
        try StoredPluginConfig(members[key] ?? .null, plugin: plugin, path: "\(path).\(key)")
    }

    private func read<Value>(_ key: String, expected: String, _ extract: (JSONValue) -> Value?) throws(StoredConfigError)
        -> Value
    {
        guard let value = members[key].flatMap(extract) else {
            throw StoredConfigError(plugin: plugin, field: "\(path).\(key)", expected: expected)
        }
        return value
    }
}

/// A stored plugin configuration that its schema could not have written.
struct StoredConfigError: Error, CustomStringConvertible {
    let plugin: String
    let field: String
    let expected: String

    var description: String {
        "the stored configuration of plugin '\(plugin)' has no valid \(field) (expected \(expected)); "
            + "update the plugin through the admin API so that its schema rewrites it"
    }
}
