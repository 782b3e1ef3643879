import Foundation

/// The one place where JSON bytes become ``JSONValue`` and back: every Tollgate
/// component writes the same form (sorted keys, no escaped slashes).
public enum JSONCoding {
    /// Parses a JSON document.
    /// - Throws: ``GatewayError/invalid(_:)`` with a `body` field error when the bytes are not JSON.
    public static func parse(_ bytes: some Collection<UInt8>) throws(GatewayError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw .invalid([FieldError(field: "body", message: "is not valid JSON")])
        }
    }

    /// Serialises a value as compact JSON with sorted keys (see ``JSONWriter``).
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        return writer.bytes
    }

    /// Serialises a value as a UTF-8 string (for storage).
    public static func string(_ value: JSONValue) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }
}
