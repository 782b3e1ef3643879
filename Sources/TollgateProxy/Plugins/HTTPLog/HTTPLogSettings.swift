import NIOCore
import NIOHTTP1
import TollgateCore

/// The typed configuration of one `http-log` instance.
struct HTTPLogSettings: Sendable {
    let endpoint: String
    let method: HTTPMethod
    let timeout: TimeAmount
    let queueSize: Int
    let batchSize: Int
    let flushTimeout: TimeAmount
    /// Extra headers on every batch.
    let headers: HTTPHeaders

    init(_ stored: JSONValue) throws(StoredConfigError) {
        let config = try StoredPluginConfig(stored, plugin: HTTPLogSchema.name)
        endpoint = try config.string("http_endpoint")
        method = HTTPMethod(rawValue: try config.string("method"))
        timeout = .milliseconds(Int64(try config.int("timeout_ms")))
        queueSize = try config.int("queue_size")
        batchSize = try config.int("batch_size")
        let members = stored.objectValue ?? [:]
        guard let seconds = members["flush_timeout_s"]?.doubleValue else {
            throw StoredConfigError(plugin: HTTPLogSchema.name, field: "config.flush_timeout_s", expected: "a number")
        }
        flushTimeout = .nanoseconds(Int64(seconds * 1_000_000_000))
        var headers = HTTPHeaders()
        for (name, value) in members["headers"]?.objectValue ?? [:] {
            guard let text = value.stringValue else {
                throw StoredConfigError(plugin: HTTPLogSchema.name, field: "config.headers.\(name)", expected: "a string")
            }
            headers.add(name: name, value: text)
        }
        self.headers = headers
    }
}
