import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches a JWKS document over HTTP(S): redirects are not followed, the whole fetch has a
/// time limit, and only a `200` with at most 1 MiB of JSON is accepted.
struct JWKSClient: Sendable {
    /// Why a fetch failed, for the log.
    struct FetchError: Error, CustomStringConvertible {
        let description: String
    }

    /// The largest JWKS document accepted.
    static let maximumDocumentBytes = 1 << 20

    let url: String
    let timeout: Duration

    /// - Throws: ``AdminAuthConfigurationError/invalidJWKSURL(_:)`` unless `url` is an absolute http(s) URL.
    init(url: String, timeout: Duration) throws(AdminAuthConfigurationError) {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme), parsed.host?.isEmpty == false
        else { throw .invalidJWKSURL(url) }
        self.url = url
        self.timeout = timeout
    }

    func fetch() async throws -> JWKSDocument {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/jwk-set+json, application/json")
        let response = try await Self.httpClient.execute(request, timeout: TimeAmount(timeout))
        guard response.status == .ok else {
            throw FetchError(description: "the server answered \(response.status.code), expected 200")
        }
        let body = try await response.body.collect(upTo: Self.maximumDocumentBytes)
        do {
            return try JSONDecoder().decode(JWKSDocument.self, from: Data(body.readableBytesView))
        } catch {
            throw FetchError(description: "the document is not a JWKS (a JSON object with a \"keys\" array)")
        }
    }

    /// The one client of every JWKS fetch in the process; it lives as long as the process,
    /// like `HTTPClient.shared`, but never follows a redirect.
    private static let httpClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
}
