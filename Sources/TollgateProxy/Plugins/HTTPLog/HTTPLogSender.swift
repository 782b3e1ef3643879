import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import TollgateCore

/// The background half of `http-log`: takes batches off the queue and sends each
/// as one JSON array to the collector. Plugin state: it outlives snapshots, and
/// retiring it closes the queue; the sender then sends what is left and stops
/// (giving up on the rest at the first failure).
///
/// A batch that fails (error, timeout, non-2xx answer) is not retried: its
/// entries are counted as dropped, and drops are logged once per batch.
final class HTTPLogSender: RetirableState {
    let queue: HTTPLogQueue

    /// Starts the sender.
    init(settings: HTTPLogSettings, logger: Logger) {
        let queue = HTTPLogQueue(capacity: settings.queueSize, batchSize: settings.batchSize)
        self.queue = queue
        Task { await Self.run(queue: queue, settings: settings, logger: logger) }
    }

    func retire() {
        queue.close()
    }

    private static func run(queue: HTTPLogQueue, settings: HTTPLogSettings, logger: Logger) async {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: settings.timeout, read: settings.timeout))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1
        let client = HTTPClient(eventLoopGroup: NIOSingletons.posixEventLoopGroup, configuration: configuration)
        var reportedDrops = 0
        while let batch = await queue.nextBatch(flushTimeout: settings.flushTimeout) {
            guard !batch.isEmpty else { continue }
            if let failure = await send(batch, with: client, settings: settings) {
                queue.countLost(batch.count)
                logger.warning(
                    "http-log could not deliver a batch; its entries are dropped",
                    metadata: ["endpoint": "\(settings.endpoint)", "entries": "\(batch.count)", "error": "\(failure)"])
                if queue.isClosed { queue.discardAll() }
            }
            let dropped = queue.dropped
            if dropped > reportedDrops {
                logger.warning(
                    "http-log dropped entries: the queue was full or the collector failed",
                    metadata: ["endpoint": "\(settings.endpoint)", "dropped_total": "\(dropped)"])
                reportedDrops = dropped
            }
        }
        try? await client.shutdown()
    }

    /// Sends one batch; returns why it failed, or nil.
    private static func send(_ batch: [HTTPLogEntry], with client: HTTPClient, settings: HTTPLogSettings) async -> String? {
        var request = HTTPClientRequest(url: settings.endpoint)
        request.method = settings.method
        request.headers = settings.headers
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: JSONCoding.serialize(.array(batch.map(\.json)))))
        do {
            let response = try await client.execute(request, timeout: settings.timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code) ? nil : "the collector answered \(response.status.code)"
        } catch {
            return "\(error)"
        }
    }
}
