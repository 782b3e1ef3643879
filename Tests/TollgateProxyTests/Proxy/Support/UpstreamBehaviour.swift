import NIOHTTP1

/// How a ``TestUpstream`` answers a request. Each server has a default; a request
/// overrides parts of it with `x-test-*` headers (which the proxy forwards).
struct UpstreamBehaviour: Sendable {
    enum Action: String, Sendable {
        /// Answer with an ``UpstreamReport`` (the default).
        case report
        /// Answer 500 with an ``UpstreamReport``.
        case fail
        /// Stream the request body back as it arrives (chunked).
        case echo
        /// Read the request and never answer.
        case hang
        /// Close the connection as soon as the request head arrives.
        case close
        /// Send a head announcing 1,000 bytes, 10 of them, then close.
        case closeMidResponse = "close-mid"
        /// Send `streamBytes` bytes of ``TestPattern`` (content-length framing), with backpressure.
        case stream
        /// Answer `101 Switching Protocols`.
        case switchProtocols = "switch"
    }

    var action: Action = .report
    /// Milliseconds to wait after the request ended before answering.
    var delayMilliseconds: Int64 = 0
    /// Milliseconds during which the request body is not read once the head arrived.
    var pauseReadMilliseconds: Int64 = 0
    var streamBytes: Int = 0
    /// Add hop-by-hop headers (and one the `Connection` header names) to the response.
    var hopByHopResponse = false

    /// This behaviour with the request's `x-test-*` overrides applied.
    func overridden(by headers: HTTPHeaders) -> UpstreamBehaviour {
        var result = self
        if let action = headers.first(name: "x-test-action").flatMap(Action.init(rawValue:)) { result.action = action }
        if let delay = headers.first(name: "x-test-delay-ms").flatMap(Int64.init) { result.delayMilliseconds = delay }
        if let pause = headers.first(name: "x-test-pause-read-ms").flatMap(Int64.init) {
            result.pauseReadMilliseconds = pause
        }
        if let bytes = headers.first(name: "x-test-stream-bytes").flatMap(Int.init) { result.streamBytes = bytes }
        if headers.first(name: "x-test-hop-response") == "1" { result.hopByHopResponse = true }
        return result
    }
}
