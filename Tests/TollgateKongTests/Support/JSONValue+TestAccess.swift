import TollgateCore

extension JSONValue {
    /// The member `key` of an object; nil for other values or a missing key.
    subscript(_ key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The elements when this is an array.
    var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
