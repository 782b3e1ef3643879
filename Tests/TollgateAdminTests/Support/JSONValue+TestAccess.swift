import TollgateCore

/// Navigation into response bodies for test expectations.
extension JSONValue {
    /// The member `key` of an object; nil when absent or when this is not an object.
    subscript(_ key: String) -> JSONValue? { objectValue?[key] }

    /// The elements when this is an array.
    var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
