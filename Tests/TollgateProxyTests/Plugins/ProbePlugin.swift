import NIOHTTP1
import Synchronization
import TollgateCore

@testable import TollgateProxy

/// A plugin for runtime tests, configured by its stored config:
/// - `mark`: appended to the request header `x-probe` (access) and the response header `x-probe` (response);
/// - `answer`: a status the access phase answers with instead of forwarding;
/// - `throw_in`: `access` or `response`, the phase that throws;
/// - `max_body`: a request body cap.
/// The log phase records each summary in `ProbePlugin.logs` under its mark.
struct ProbePlugin: ProxyPlugin {
    struct Failure: Error {}

    let mark: String
    let answer: Int?
    let throwIn: String?
    let maxBody: Int?
    let logs: ProbeLogs

    var phases: PluginPhases { [.access, .responseHead, .log] }

    /// Factories for probes under the names of real plugins, at their priorities.
    static func factories(logs: ProbeLogs, priorities: [String: Int]) -> [String: PluginFactory] {
        priorities.reduce(into: [:]) { result, entry in
            result[entry.key] = PluginFactory(name: entry.key, priority: entry.value) { input in
                let config = input.config.objectValue ?? [:]
                return ProbePlugin(
                    mark: config["mark"]?.stringValue ?? entry.key, answer: config["answer"]?.intValue,
                    throwIn: config["throw_in"]?.stringValue, maxBody: config["max_body"]?.intValue, logs: logs)
            }
        }
    }

    func access(_ context: RequestContext) throws -> PluginAccess {
        if throwIn == "access" { throw Failure() }
        let seen = context.head.headers["x-probe"].joined(separator: ",")
        context.head.headers.replaceOrAdd(name: "x-probe", value: seen.isEmpty ? mark : seen + "," + mark)
        context.responseHeaders.add(name: "x-probe-context", value: mark)
        if let maxBody { context.maxRequestBodyBytes = maxBody }
        if let answer { return .respond(LocalResponse(HTTPResponseStatus(statusCode: answer), detail: "answered by \(mark)")) }
        return .proceed
    }

    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) throws {
        if throwIn == "response" { throw Failure() }
        head.headers.add(name: "x-probe", value: mark)
    }

    func log(_ summary: ExchangeSummary, context: RequestContext) {
        logs.record(mark, summary)
    }
}

/// What probes' log phases saw.
final class ProbeLogs: Sendable {
    private let entries = Mutex<[(mark: String, summary: ExchangeSummary)]>([])

    func record(_ mark: String, _ summary: ExchangeSummary) {
        entries.withLock { $0.append((mark, summary)) }
    }

    func summaries(_ mark: String) -> [ExchangeSummary] {
        entries.withLock { $0.filter { $0.mark == mark }.map(\.summary) }
    }
}
