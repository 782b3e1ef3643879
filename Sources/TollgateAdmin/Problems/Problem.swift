import Hummingbird
import TollgateCore

/// An RFC 9457 problem document: the one shape of every error the management API answers.
public struct Problem: Error, Sendable {
    /// The problem types Tollgate answers with, under `https://tollgate.dev/problems/`.
    public enum Kind: String, Sendable {
        case validation, unauthorized, forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case conflict
        case preconditionFailed = "precondition-failed"
        case payloadTooLarge = "payload-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case notImplemented = "not-implemented"
        case internalError = "internal"
        case unavailable

        var status: HTTPResponse.Status {
            switch self {
            case .validation: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .conflict: .conflict
            case .preconditionFailed: .preconditionFailed
            case .payloadTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .notImplemented: .notImplemented
            case .internalError: .internalServerError
            case .unavailable: .serviceUnavailable
            }
        }

        var title: String {
            switch self {
            case .validation: "Invalid request payload"
            case .unauthorized: "Unauthorized"
            case .forbidden: "Forbidden"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .conflict: "Conflict"
            case .preconditionFailed: "Precondition failed"
            case .payloadTooLarge: "Payload too large"
            case .unsupportedMediaType: "Unsupported media type"
            case .notImplemented: "Not implemented"
            case .internalError: "Internal server error"
            case .unavailable: "Service unavailable"
            }
        }
    }

    public var kind: Kind
    public var detail: String
    /// Field errors of a validation problem.
    public var errors: [FieldError]
    /// Extra response headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields

    public init(_ kind: Kind, detail: String, errors: [FieldError] = [], headers: HTTPFields = [:]) {
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// The problem for an engine or validation error.
    public init(_ error: GatewayError) {
        switch error {
        case .invalid(let errors):
            let detail = errors.count == 1 ? "1 field is invalid" : "\(errors.count) fields are invalid"
            self.init(.validation, detail: detail, errors: errors)
        case .notFound(let detail): self.init(.notFound, detail: detail)
        case .conflict(let detail): self.init(.conflict, detail: detail)
        case .preconditionFailed(let detail): self.init(.preconditionFailed, detail: detail)
        case .notImplemented(let detail): self.init(.notImplemented, detail: detail)
        case .backend(let detail): self.init(.internalError, detail: detail)
        }
    }

    /// The 401 every authentication failure gets: no detail that helps forge a token.
    public static let invalidToken = Problem(
        .unauthorized, detail: "A valid bearer token is required",
        headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])

    /// The 403 for a valid token without the `ADMIN` role.
    public static let notAdmin = Problem(.forbidden, detail: "The token does not carry the ADMIN role")

    /// The problem as JSON.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "type": .string("https://tollgate.dev/problems/\(kind.rawValue)"), "title": .string(kind.title),
            "status": .int(Int(kind.status.code)), "detail": .string(detail),
        ]
        if !errors.isEmpty {
            members["errors"] = .array(errors.map { ["field": .string($0.field), "message": .string($0.message)] })
        }
        return .object(members)
    }

    /// The problem as an `application/problem+json` response.
    public var response: Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(
            status: kind.status, headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONCoding.serialize(json))))
    }
}

extension Problem: HTTPResponseError {
    public var status: HTTPResponse.Status { kind.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }
}
