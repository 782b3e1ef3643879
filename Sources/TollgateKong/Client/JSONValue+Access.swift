import TollgateCore

extension JSONValue {
    /// The value as a boolean when it is one.
    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The strings of an array of strings (non-strings skipped); empty for anything else.
    var strings: [String] {
        (arrayElements ?? []).compactMap(\.stringValue)
    }

    /// A copy of this object without the members whose value is null.
    var withoutNulls: JSONValue {
        guard let members = objectValue else { return self }
        return .object(members.filter { $0.value != .null })
    }
}
