import Logging
import Synchronization

/// A logger that keeps the messages it gets, for tests that check log lines. Thread-safe.
final class RecordingLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger writing into this log.
    var logger: Logger {
        Logger(label: "tollgate.health.tests") { _ in Handler(log: self) }
    }

    /// The messages so far, in order.
    var messages: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let log: RecordingLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(event.message.description)
        }
    }
}
