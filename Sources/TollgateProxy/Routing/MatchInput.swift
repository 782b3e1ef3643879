import NIOHTTP1
import TollgateCore

/// What one `match` compares routes against, prepared once per request; its buffers
/// are valid only during that match.
struct MatchInput {
    /// The normalised path's bytes.
    let pathBytes: UnsafeBufferPointer<UInt8>
    /// nil when the request has no (valid) Host header.
    let host: RequestHost?
    /// The request method as sent (methods are case-sensitive).
    let method: String
    let scheme: RouteSpec.ClientProtocol
    let headers: HTTPHeaders
}
