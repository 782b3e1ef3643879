import Hummingbird
import Logging
import TollgateCore

/// Turns every error a handler throws into a problem document, so that no
/// endpoint answers with another error shape.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AdminRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as GatewayError {
            if case .backend(let detail) = error {
                context.logger.error("engine failure", metadata: ["detail": "\(detail)"])
            }
            return Problem(error).response
        } catch let error as HTTPError {
            return Problem(httpError: error).response
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(.internalError, detail: "An internal error occurred; see the gateway's log").response
        }
    }
}

extension Problem {
    /// The problem for an error Hummingbird raised itself (no route, body too large…).
    init(httpError: HTTPError) {
        switch httpError.status {
        case .notFound: self.init(.notFound, detail: "No endpoint matches this path")
        case .methodNotAllowed: self.init(.methodNotAllowed, detail: "This endpoint does not accept this method")
        case .contentTooLarge:
            self.init(.payloadTooLarge, detail: "The body exceeds the limit of \(AdminLimits.maxBodyBytes) bytes")
        case .badRequest: self.init(.validation, detail: httpError.body ?? "The request is malformed")
        default: self.init(.internalError, detail: httpError.body ?? "The request failed")
        }
    }
}
