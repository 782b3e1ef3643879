import NIOCore
import NIOHTTP1

/// A response the gateway answers itself (no route, no target, upstream failures,
/// bad requests, plugin decisions): usually an RFC 9457 problem document.
struct LocalResponse {
    let status: HTTPResponseStatus
    /// Headers beyond the framing ones (`WWW-Authenticate`, `Retry-After`…).
    var headers: HTTPHeaders
    let body: ByteBuffer
    let contentType: String?

    /// A problem document with `detail`; the body is built once per call.
    init(_ status: HTTPResponseStatus, detail: String, headers: HTTPHeaders = [:]) {
        let escaped = detail.replacingJSONSpecials()
        self.init(
            status: status, headers: headers, contentType: "application/problem+json",
            body: ByteBuffer(
                string: #"{"type":"https://tollgate.dev/problems/proxy","title":"\#(status.reasonPhrase)","status":\#(status.code),"detail":"\#(escaped)"}"#
            ))
    }

    /// Any response: `body` is sent with `contentType` (no body: nil and an empty buffer).
    init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], contentType: String? = nil, body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.contentType = contentType
        self.body = body
    }

    /// 404 for a request no route matches (Kong's wording).
    static let noRoute = LocalResponse(.notFound, detail: "no Route matched with those values")
    /// 426 for a plain-HTTP request that only https routes match (Kong's answer and wording).
    static let httpsRequired = LocalResponse(
        .upgradeRequired, detail: "Please use HTTPS protocol",
        headers: ["upgrade": "TLS/1.2, HTTP/1.1", "connection": "Upgrade"])
    /// 400 for a request the gateway refuses to parse or forward.
    static let badRequest = LocalResponse(.badRequest, detail: "the request is malformed")
    /// 431 for a header block over the limit.
    static let headersTooLarge = LocalResponse(
        .requestHeaderFieldsTooLarge, detail: "the request's header block exceeds \(ProxyLimits.maxHeaderBytes) bytes")
    /// 414 for a request target over the limit.
    static let uriTooLong = LocalResponse(
        .uriTooLong, detail: "the request target exceeds \(ProxyLimits.maxRequestTargetBytes) bytes")
    /// 408 when the client stops sending its request body.
    static let requestTimeout = LocalResponse(.requestTimeout, detail: "the request body stopped arriving; the connection is closed")
    /// 504 when the upstream does not answer in time.
    static let upstreamTimeout = LocalResponse(.gatewayTimeout, detail: "the upstream server did not answer in time")

    /// 503 when an upstream has no usable target.
    static func noUsableTarget(upstream: String) -> LocalResponse {
        LocalResponse(.serviceUnavailable, detail: "upstream '\(upstream)' has no healthy target")
    }

    /// 413 when a request body crosses the cap a plugin set.
    static func payloadTooLarge(limit: Int) -> LocalResponse {
        LocalResponse(.payloadTooLarge, detail: "the request body exceeds the allowed \(limit) bytes")
    }

    /// 500 when a plugin fails on this request.
    static func pluginFailure(_ plugin: String) -> LocalResponse {
        LocalResponse(.internalServerError, detail: "plugin '\(plugin)' failed on this request; see the gateway's log")
    }

    /// 502 when the upstream cannot be reached or breaks the exchange.
    static func badGateway(_ reason: String) -> LocalResponse {
        LocalResponse(.badGateway, detail: reason)
    }

    /// The response head, closing the connection when `keepAlive` is false.
    func head(version: HTTPVersion, keepAlive: Bool) -> HTTPResponseHead {
        var headers = self.headers
        headers.reserveCapacity(headers.count + 3)
        if let contentType { headers.add(name: "content-type", value: contentType) }
        if status.mayHaveResponseBody { headers.add(name: "content-length", value: String(body.readableBytes)) }
        if !keepAlive { headers.add(name: "connection", value: "close") }
        return HTTPResponseHead(version: version, status: status, headers: headers)
    }
}

/// Limits that protect the proxy from oversized or slow requests.
public enum ProxyLimits {
    /// The largest header block accepted (431 above).
    public static let maxHeaderBytes = 32 * 1024
    /// The longest request target accepted (414 above).
    public static let maxRequestTargetBytes = 8 * 1024
    /// How long a connection may take to send a complete request head, stay idle
    /// between requests, or pause while sending a request body.
    public static let headerTimeout = TimeAmount.seconds(30)
}

extension String {
    /// Escapes `"`, `\` and control characters for a JSON string literal.
    func replacingJSONSpecials() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
