import TollgateCore

/// What the emulator answers: a status and a JSON body (nil for 204).
struct EmulatedResponse: Sendable {
    let status: Int
    let body: JSONValue?

    static func ok(_ body: JSONValue) -> EmulatedResponse { EmulatedResponse(status: 200, body: body) }
    static func created(_ body: JSONValue) -> EmulatedResponse { EmulatedResponse(status: 201, body: body) }
    static let noContent = EmulatedResponse(status: 204, body: nil)
    static let notFound = EmulatedResponse(status: 404, body: ["message": "Not found"])

    /// Kong's 400 `schema violation` with its `fields`.
    static func schemaViolation(_ fields: [String: JSONValue]) -> EmulatedResponse {
        let summary = fields.keys.sorted().map { "\($0): \(fields[$0].flatMap(\.stringValue) ?? "invalid")" }
        return EmulatedResponse(
            status: 400,
            body: [
                "code": 2, "name": "schema violation",
                "message": .string("schema violation (\(summary.joined(separator: "; ")))"), "fields": .object(fields),
            ])
    }

    /// Kong's 409 `unique constraint violation`.
    static func uniqueViolation(_ key: String) -> EmulatedResponse {
        EmulatedResponse(
            status: 409,
            body: [
                "code": 5, "name": "unique constraint violation",
                "message": .string("UNIQUE violation detected on '\(key)'"), "fields": .object([:]),
            ])
    }

    /// Kong's 400 `foreign key violation`.
    static func foreignKeyViolation(_ message: String, fields: [String: JSONValue]) -> EmulatedResponse {
        EmulatedResponse(
            status: 400,
            body: ["code": 3, "name": "foreign key violation", "message": .string(message), "fields": .object(fields)])
    }

    /// A 400 with only a message (Kong's answer to a health mark without health checks).
    static func badRequest(_ message: String) -> EmulatedResponse {
        EmulatedResponse(status: 400, body: ["message": .string(message)])
    }

    static let methodNotAllowed = EmulatedResponse(status: 405, body: ["message": "Method not allowed"])
}
