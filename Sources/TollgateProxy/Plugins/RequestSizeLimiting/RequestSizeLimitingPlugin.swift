import NIOHTTP1
import TollgateCore

/// `request-size-limiting`: refuses request bodies over `allowed_payload_size`.
///
/// A `Content-Length` over the limit is refused before any of the body is read:
/// 413, or 417 when the client waits for `100 Continue`, as in Kong. A body without
/// a length (chunked) is capped while it streams (413 once it crosses the limit),
/// or refused with 411 when `require_content_length` is set.
struct RequestSizeLimitingPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: RequestSizeLimitingSchema.name, priority: 951) { input in
        try RequestSizeLimitingPlugin(StoredPluginConfig(input.config, plugin: RequestSizeLimitingSchema.name))
    }

    /// The largest body accepted, in bytes.
    let limit: Int
    private let requireContentLength: Bool
    private let tooLarge: LocalResponse
    private let expectationFailed: LocalResponse
    private let lengthRequired = LocalResponse(
        .lengthRequired, detail: "a Content-Length header is required; send the body with a known length")

    var phases: PluginPhases { .access }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        let unit = try config.string("size_unit")
        guard let multiplier = Self.bytesPerUnit[unit] else {
            throw StoredConfigError(
                plugin: config.plugin, field: "\(config.path).size_unit", expected: "bytes, kilobytes or megabytes")
        }
        limit = try config.int("allowed_payload_size") * multiplier
        requireContentLength = try config.bool("require_content_length")
        tooLarge = .payloadTooLarge(limit: limit)
        expectationFailed = LocalResponse(
            .expectationFailed, detail: "the announced request body exceeds the allowed \(limit) bytes")
    }

    /// Kong's units: binary multiples.
    private static let bytesPerUnit = ["bytes": 1, "kilobytes": 1 << 10, "megabytes": 1 << 20]

    func access(_ context: RequestContext) -> PluginAccess {
        let headers = context.clientHead.headers
        if let announced = headers.first(name: "content-length").flatMap(Int.init) {
            if announced > limit {
                let waitsForContinue = headers.first(name: "expect")?.lowercased() == "100-continue"
                return .respond(waitsForContinue ? expectationFailed : tooLarge)
            }
        } else if requireContentLength && headers.contains(name: "transfer-encoding") {
            return .respond(lengthRequired)
        }
        context.maxRequestBodyBytes = min(context.maxRequestBodyBytes ?? limit, limit)
        return .proceed
    }
}
