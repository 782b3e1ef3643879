import Hummingbird
import Logging
import TollgateCore

/// Logs one line per admin request: method, path, status, duration and the
/// token's subject — never the token.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AdminRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "admin request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)",
                "duration_ms": "\((milliseconds * 100).rounded() / 100)",
                "subject": "\(context.identity?.subject ?? "-")",
            ])
        return response
    }
}
