import Testing
import TollgateCore

/// Plugin bodies parsed the way `POST /plugins` and `PATCH /plugins/:id` parse them.
enum PluginFixture {
    /// The stored config of a valid plugin body.
    static func config(_ name: String, _ config: JSONValue) throws -> JSONValue {
        try PluginSpec.parse(["name": .string(name), "config": config]).config
    }

    /// The fields reported for an invalid config, in report order (empty when it is valid).
    static func invalidFields(_ name: String, _ config: JSONValue) -> [String] {
        errors(["name": .string(name), "config": config]).map(\.field)
    }

    /// The field errors of a plugin body (empty when it is valid).
    static func errors(_ body: JSONValue) -> [FieldError] {
        fieldErrors { () throws(GatewayError) in _ = try PluginSpec.parse(body) }
    }

    /// The field errors `action` throws (empty when it succeeds).
    static func fieldErrors(_ action: () throws(GatewayError) -> Void) -> [FieldError] {
        do throws(GatewayError) {
            try action()
            return []
        } catch {
            guard case .invalid(let errors) = error else {
                return [FieldError(field: "unexpected error", message: "\(error)")]
            }
            return errors
        }
    }

    /// Checks that the stored form reads back unchanged, as a PATCH re-reads it.
    static func expectStable(_ name: String, _ stored: JSONValue, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        #expect(try config(name, stored) == stored, sourceLocation: sourceLocation)
    }
}
