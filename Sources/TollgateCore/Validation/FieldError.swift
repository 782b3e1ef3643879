/// One invalid field of a request body: its dotted path and what is wrong with it.
public struct FieldError: Sendable, Hashable, Codable {
    /// Dotted path of the field, e.g. `healthchecks.active.timeout_s` or `targets[1].weight`.
    public var field: String
    /// What is wrong, phrased to follow the field name: "must be between 1 and 65535".
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
