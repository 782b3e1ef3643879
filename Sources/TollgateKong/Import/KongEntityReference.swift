import TollgateCore

/// A reference to another entity in a declarative file: a name, or `{"name": …}` / `{"id": …}`.
enum KongEntityReference {
    /// The referenced entity's name (or id when only an id is given).
    static func name(_ value: JSONValue?) -> String? {
        value?.stringValue ?? value?["name"]?.stringValue ?? value?["id"]?.stringValue
    }
}
