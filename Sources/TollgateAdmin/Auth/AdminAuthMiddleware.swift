import Hummingbird
import Logging

/// Lets a request through only with a valid admin bearer token: sets `context.identity`,
/// or answers the problem document of the failure (401 with `WWW-Authenticate`, or 403).
///
/// Mount it on the protected route group; `/health` and `/openapi.json` stay outside.
public struct AdminAuthMiddleware<Context: AdminAuthRequestContext>: RouterMiddleware {
    private let verifier: AdminTokenVerifier

    /// - Parameter verifier: Verifies each request's `Authorization` header.
    public init(verifier: AdminTokenVerifier) {
        self.verifier = verifier
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch await verifier.authenticate(authorization: request.headers[.authorization]) {
        case .success(let identity):
            var context = context
            context.identity = identity
            return try await next(request, context)
        case .failure(let failure):
            context.logger.debug("Admin request refused", metadata: ["reason": "\(failure)"])
            return failure.problem.response
        }
    }
}
