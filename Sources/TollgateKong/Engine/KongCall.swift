import NIOHTTP1
import TollgateCore

/// One planned Admin API call of a multi-call operation.
struct KongCall: Sendable {
    let method: HTTPMethod
    let path: String
    let body: JSONValue?

    init(_ method: HTTPMethod, _ path: String, _ body: JSONValue?) {
        self.method = method
        self.path = path
        self.body = body
    }
}
