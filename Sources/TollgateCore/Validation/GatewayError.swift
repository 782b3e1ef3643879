/// The errors an engine or the validation layer reports; the admin API turns each
/// into one problem document.
public enum GatewayError: Error, Sendable, Equatable {
    /// The request is invalid (400): one entry per wrong field.
    case invalid([FieldError])
    /// The entity named in the path does not exist (404).
    case notFound(String)
    /// The request conflicts with existing state (409).
    case conflict(String)
    /// `If-Match` did not match the entity's current `etag` (412).
    case preconditionFailed(String)
    /// The engine cannot do this (501), with the reason.
    case notImplemented(String)
    /// The backend failed (500), e.g. `Kong Admin API unreachable`.
    case backend(String)

    /// A single-field validation error.
    public static func invalid(field: String, _ message: String) -> GatewayError {
        .invalid([FieldError(field: field, message: message)])
    }
}
