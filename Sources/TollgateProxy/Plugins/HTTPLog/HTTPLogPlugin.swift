import Foundation
import TollgateCore

/// `http-log`: reports each finished request to an HTTP collector as JSON.
///
/// The log phase only queues an entry (``HTTPLogQueue``); a background sender
/// (``HTTPLogSender``) sends batches of `batch_size`, or what is queued after
/// `flush_timeout_s`, with a `timeout_ms` limit. A slow or dead collector never
/// delays traffic: once `queue_size` entries wait, new ones are dropped and counted.
struct HTTPLogPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: HTTPLogSchema.name, priority: 12) { input in
        let settings = try HTTPLogSettings(input.config)
        let sender = input.state(key: stateKey(id: input.id, config: input.config)) {
            HTTPLogSender(settings: settings, logger: input.environment.logger)
        }
        return HTTPLogPlugin(queue: sender.queue)
    }

    /// The state key of an instance's sender: its id and configuration, so that a
    /// changed configuration gets a new sender and the old one is retired.
    static func stateKey(id: UUID, config: JSONValue) -> String {
        "\(id.uuidString)/http-log/\(JSONCoding.string(config))"
    }

    private let queue: HTTPLogQueue

    var phases: PluginPhases { .log }

    func log(_ summary: ExchangeSummary, context: RequestContext) {
        queue.offer(HTTPLogEntry(summary, context: context))
    }
}
