import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Testing
import TollgateAdmin
import TollgateTestSupport

/// The answer of a test server, reduced to what the auth tests look at.
struct AuthTestResponse {
    let status: Int
    let wwwAuthenticate: String?
    let body: String
}

/// Serves `router` on 127.0.0.1 (a free port) for the duration of `body`, which gets the port.
func withAuthTestHTTPServer<Context: RequestContext, Result: Sendable>(
    _ router: Router<Context>, _ body: (Int) async throws -> Result
) async throws -> Result where Context.Source == ApplicationRequestContextSource {
    var logger = Logger(label: "auth-test-server")
    logger.logLevel = .warning
    return try await withLoopbackServer(router.buildResponder(), logger: logger, body)
}

/// The admin API in miniature: `/admin/whoami` behind ``AdminAuthMiddleware`` echoes the
/// subject, `/health` is public.
struct AuthTestServer {
    let port: Int

    /// Runs a server with `verifier` for the duration of `body`.
    static func with<Result: Sendable>(
        _ verifier: AdminTokenVerifier, _ body: (AuthTestServer) async throws -> Result
    ) async throws -> Result {
        let router = Router(context: AdminRequestContext.self)
        router.get("/health") { _, _ in "ok" }
        router.group("/admin").add(middleware: AdminAuthMiddleware(verifier: verifier))
            .get("/whoami") { _, context in context.identity?.subject ?? "(no subject)" }
        return try await withAuthTestHTTPServer(router) { port in try await body(AuthTestServer(port: port)) }
    }

    /// `GET path` with the given `Authorization` header.
    func get(_ path: String = "/admin/whoami", authorization: String?) async throws -> AuthTestResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        if let authorization {
            request.headers.add(name: "Authorization", value: authorization)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return AuthTestResponse(
            status: Int(response.status.code), wwwAuthenticate: response.headers.first(name: "WWW-Authenticate"),
            body: String(buffer: body))
    }

    /// `GET /admin/whoami` with `Authorization: Bearer <token>`.
    func get(bearer token: String) async throws -> AuthTestResponse {
        try await get(authorization: "Bearer \(token)")
    }
}

/// Asserts the 401 every authentication failure gets.
func expectInvalidToken(_ response: AuthTestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 401, sourceLocation: sourceLocation)
    #expect(response.wwwAuthenticate == #"Bearer error="invalid_token""#, sourceLocation: sourceLocation)
    #expect(response.body.contains("\"status\":401"), sourceLocation: sourceLocation)
}

/// Asserts the 403 of a valid token without the `ADMIN` role.
func expectNotAdmin(_ response: AuthTestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 403, sourceLocation: sourceLocation)
    #expect(response.wwwAuthenticate == nil, sourceLocation: sourceLocation)
    #expect(response.body.contains("\"status\":403"), sourceLocation: sourceLocation)
}

/// Asserts a 200 whose body is the token's subject.
func expectAccepted(_ response: AuthTestResponse, subject: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 200, sourceLocation: sourceLocation)
    #expect(response.body == subject, sourceLocation: sourceLocation)
}
