import NIOHTTP1
import TollgateCore

/// What the management API answered: status, headers and the body, parsed as JSON when it is JSON.
struct GatewayResponse: Sendable {
    let method: HTTPMethod
    let path: String
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The body as JSON; nil when it is empty or not JSON.
    let json: JSONValue?

    init(method: HTTPMethod, path: String, status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers
        self.body = body
        self.json = body.isEmpty ? nil : try? JSONCoding.parse(body)
    }

    /// A member of the JSON body object.
    subscript(_ key: String) -> JSONValue? { json?[key] }

    /// The `Content-Type` header.
    var contentType: String? { headers.first(name: "Content-Type") }

    /// The `ETag` header.
    var etagHeader: String? { headers.first(name: "ETag") }

    /// The body as text, for failure messages.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The exchange in one line, for failure messages: `POST /path → 400: {...}`.
    var summary: String { "\(method) \(path) → \(status): \(text)" }

    /// The `field` of each entry of a problem document's `errors`.
    var errorFields: Set<String> {
        Set((self["errors"]?.arrayElements ?? []).compactMap { $0["field"]?.stringValue })
    }

    /// The `data` array of a list response.
    var listData: [JSONValue] { self["data"]?.arrayElements ?? [] }

    /// Returns this response when its status is `expected`; throws a description of the exchange otherwise.
    ///
    /// Seeding steps use it so that a failed set-up stops the test with the server's answer
    /// instead of cascading into unrelated expectations.
    @discardableResult
    func expecting(_ expected: Int) throws -> GatewayResponse {
        guard status == expected else {
            throw UnexpectedResponse(description: "expected \(expected): \(summary)")
        }
        return self
    }

    /// The error ``expecting(_:)`` throws.
    struct UnexpectedResponse: Error, CustomStringConvertible {
        let description: String
    }
}
