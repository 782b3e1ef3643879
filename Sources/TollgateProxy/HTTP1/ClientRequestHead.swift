import NIOCore
import NIOHTTP1

/// A part of a client's request, as ``RequestParser`` hands it on.
typealias ClientRequestPart = HTTPPart<ClientRequestHead, ByteBuffer>

/// A request head as the client sent it, with what the parser learnt of its body and its
/// connection while reading the header lines, so that nothing scans them for it again.
struct ClientRequestHead: Equatable {
    let head: HTTPRequestHead
    /// Whether a body follows: chunked, or a length other than 0.
    let hasBody: Bool
    /// The protocols the request asks to switch to (its `Upgrade` values, when `Connection`
    /// names the `upgrade` option); nil when it asks for none.
    let upgrade: String?
    /// Whether the connection may carry another request after this one: by its version and
    /// `Connection`, and only without an `Upgrade` header.
    let isKeepAlive: Bool
}
