/// Collects the field errors found while a request body is read, so that one
/// response names every wrong field.
///
/// A `Validator` lives for one parse on one task; it is not shared.
public final class Validator {
    /// The errors found so far, in the order they were found.
    public private(set) var errors: [FieldError] = []

    public init() {}

    /// Records that `field` is invalid.
    public func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Starts reading `value` as an object at `path` (empty for the body itself);
    /// records an error and returns nil when it is not an object.
    public func object(_ value: JSONValue, at path: String = "") -> ObjectReader? {
        guard case .object(let members) = value else {
            fail(path.isEmpty ? "body" : path, "must be an object, got \(value.typeName)")
            return nil
        }
        return ObjectReader(members, at: path, validator: self)
    }

    /// Returns `result` when no error was recorded, throws them all otherwise.
    public func finish<Result>(_ result: Result?) throws(GatewayError) -> Result {
        guard errors.isEmpty, let result else {
            throw .invalid(errors.isEmpty ? [FieldError(field: "body", message: "is invalid")] : errors)
        }
        return result
    }

    /// Runs `parse` with a fresh validator on `body` read as an object, and returns
    /// its result or throws every field error it recorded (unknown fields included).
    public static func parse<Result>(
        _ body: JSONValue,
        _ parse: (ObjectReader) -> Result?
    ) throws(GatewayError) -> Result {
        let validator = Validator()
        var result: Result?
        if let reader = validator.object(body) {
            result = parse(reader)
            reader.rejectUnknown()
        }
        return try validator.finish(result)
    }
}
