/// Reads the members of one JSON object, checking type and range of each, and
/// reporting problems to its ``Validator`` under the member's dotted path.
///
/// Every read marks the member as known; ``rejectUnknown()`` then reports the
/// members nobody asked for. A member set to `null` counts as absent, so its
/// default applies.
public final class ObjectReader {
    /// The validator that collects this object's errors.
    public let validator: Validator
    /// Dotted path of this object inside the body; empty for the body itself.
    public let path: String
    private let members: [String: JSONValue]
    private var known: Set<String> = []

    init(_ members: [String: JSONValue], at path: String, validator: Validator) {
        self.members = members
        self.path = path
        self.validator = validator
    }

    /// The dotted path of `key` inside the body.
    public func path(of key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Records an error on `key`.
    public func fail(_ key: String, _ message: String) {
        validator.fail(path(of: key), message)
    }

    /// Whether `key` is present with a non-null value (does not mark it as read).
    public func has(_ key: String) -> Bool {
        if let value = members[key], value != .null { return true }
        return false
    }

    /// The raw value of `key`, or nil when absent or null; marks it as read.
    public func raw(_ key: String) -> JSONValue? {
        known.insert(key)
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// Reads a value with `convert`, reporting `expected` when it returns nil,
    /// "is required" when `required` and absent, and falling back to `default`.
    private func read<Value>(
        _ key: String, required: Bool, default defaultValue: Value?, expected: String,
        _ convert: (JSONValue) -> Value?
    ) -> Value? {
        guard let value = raw(key) else {
            if required { fail(key, "is required") }
            return defaultValue
        }
        guard let converted = convert(value) else {
            fail(key, "must be \(expected), got \(value.typeName)")
            return nil
        }
        return converted
    }

    /// Reads a string; `check` returns an error message for an unacceptable value.
    public func string(
        _ key: String, required: Bool = false, default defaultValue: String? = nil,
        check: ((String) -> String?)? = nil
    ) -> String? {
        guard let text = read(key, required: required, default: defaultValue, expected: "a string", \.stringValue)
        else { return nil }
        if let check, let message = check(text) {
            fail(key, message)
            return nil
        }
        return text
    }

    /// Reads an integer within `range`.
    public func int(
        _ key: String, in range: ClosedRange<Int>, required: Bool = false, default defaultValue: Int? = nil
    ) -> Int? {
        guard let number = read(key, required: required, default: defaultValue, expected: "an integer", \.intValue)
        else { return nil }
        guard range.contains(number) else {
            fail(key, Self.rangeMessage(range))
            return nil
        }
        return number
    }

    /// Reads a number within `range`.
    public func double(
        _ key: String, in range: ClosedRange<Double>, required: Bool = false, default defaultValue: Double? = nil
    ) -> Double? {
        guard let number = read(key, required: required, default: defaultValue, expected: "a number", \.doubleValue)
        else { return nil }
        guard range.contains(number), number.isFinite else {
            fail(key, "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))")
            return nil
        }
        return number
    }

    /// Reads a boolean.
    public func bool(_ key: String, required: Bool = false, default defaultValue: Bool? = nil) -> Bool? {
        read(key, required: required, default: defaultValue, expected: "a boolean") {
            if case .bool(let flag) = $0 { return flag }
            return nil
        }
    }

    /// Reads one of the raw values of `Choice`.
    public func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, required: Bool = false, default defaultValue: Choice? = nil
    ) -> Choice? where Choice.RawValue == String {
        string(key, required: required, default: defaultValue?.rawValue) { text in
            Choice(rawValue: text) == nil
                ? "must be one of \(Choice.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))" : nil
        }.flatMap(Choice.init(rawValue:))
    }

    /// Reads an array of strings; `check` returns an error message for a bad element.
    public func strings(
        _ key: String, required: Bool = false, default defaultValue: [String]? = nil,
        check: ((String) -> String?)? = nil
    ) -> [String]? {
        elements(key, required: required, default: defaultValue, expected: "a string") { elementPath, value in
            guard let text = value.stringValue else { return nil }
            if let check, let message = check(text) {
                validator.fail(elementPath, message)
            }
            return text
        }
    }

    /// Reads an array of integers within `range`.
    public func ints(
        _ key: String, in range: ClosedRange<Int>, required: Bool = false, default defaultValue: [Int]? = nil
    ) -> [Int]? {
        elements(key, required: required, default: defaultValue, expected: "an integer") { elementPath, value in
            guard let number = value.intValue else { return nil }
            if !range.contains(number) { validator.fail(elementPath, Self.rangeMessage(range)) }
            return number
        }
    }

    /// Reads a nested object; nil when absent, null or not an object (then an error is recorded).
    public func object(_ key: String, required: Bool = false) -> ObjectReader? {
        guard let value = raw(key) else {
            if required { fail(key, "is required") }
            return nil
        }
        return validator.object(value, at: path(of: key))
    }

    /// Reads an array of objects, each with its own reader at `key[i]`.
    public func objects(_ key: String, required: Bool = false) -> [ObjectReader]? {
        elements(key, required: required, default: nil, expected: "an object") { elementPath, value in
            guard case .object(let members) = value else { return nil }
            return ObjectReader(members, at: elementPath, validator: validator)
        }
    }

    /// Reads an array whose elements `convert` turns into values; a nil from
    /// `convert` reports the element as not being `expected`.
    public func elements<Element>(
        _ key: String, required: Bool, default defaultValue: [Element]?, expected: String,
        _ convert: (String, JSONValue) -> Element?
    ) -> [Element]? {
        guard let value = raw(key) else {
            if required { fail(key, "is required") }
            return defaultValue
        }
        guard case .array(let items) = value else {
            fail(key, "must be an array, got \(value.typeName)")
            return nil
        }
        var result: [Element] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let elementPath = "\(path(of: key))[\(index)]"
            if let element = convert(elementPath, item) {
                result.append(element)
            } else {
                validator.fail(elementPath, "must be \(expected), got \(item.typeName)")
                failed = true
            }
        }
        return failed ? nil : result
    }

    /// Reports every member that no read asked for.
    public func rejectUnknown() {
        for key in members.keys.sorted() where !known.contains(key) {
            fail(key, "is not a known field")
        }
    }

    private static func rangeMessage(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max
            ? "must be an integer of at least \(range.lowerBound)"
            : "must be an integer between \(range.lowerBound) and \(range.upperBound)"
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}
