import Logging
import NIOHTTP1

/// The plugins and traffic stages of one route, in run order, compiled into the
/// snapshot so that a request does no lookups.
///
/// Each phase keeps its own list, so a phase no plugin implements costs one
/// emptiness check. A throwing plugin turns into a 500 for that request and a log line.
final class PluginChain: Sendable {
    /// A chain with nothing in it: requests skip every phase.
    static let empty = PluginChain(links: [], logger: Logger(label: "tollgate.plugins"))

    /// The plugin names in run order (for logs and tests).
    let names: [String]
    private let accessLinks: [Link]
    private let responseLinks: [Link]
    private let logLinks: [Link]
    private let logger: Logger

    /// A plugin and the name it is reported under.
    struct Link: Sendable {
        let name: String
        let plugin: any ProxyPlugin
    }

    /// - Parameter links: In run order.
    init(links: [Link], logger: Logger) {
        names = links.map(\.name)
        accessLinks = links.filter { $0.plugin.phases.contains(.access) }
        responseLinks = links.filter { $0.plugin.phases.contains(.responseHead) }
        logLinks = links.filter { $0.plugin.phases.contains(.log) }
        self.logger = logger
    }

    var isEmpty: Bool { names.isEmpty }

    /// Room for the headers the response phase adds, to size a head once: two per plugin
    /// that has the phase (`correlation-id` adds one, `cors` two to four).
    var responseHeadroom: Int { 2 * responseLinks.count }
    /// Room for the request headers the access phase adds, likewise: one per plugin that
    /// has the phase (`correlation-id` adds its id, `key-auth` and `jwt` the tenant).
    var requestHeadroom: Int { accessLinks.count }
    var hasLogPhase: Bool { !logLinks.isEmpty }

    /// Runs the access phase; the first plugin that answers stops the chain, and
    /// the plugins before it withdraw what they counted for the request.
    ///
    /// The phases call each plugin through its place in the list, not through a copy of
    /// its link: copying a link copies its name and its plugin's existential box.
    func access(_ context: RequestContext) -> PluginAccess {
        for position in accessLinks.indices {
            let response: LocalResponse
            do {
                guard case .respond(let answer) = try accessLinks[position].plugin.access(context) else { continue }
                response = answer
            } catch {
                response = failure(of: accessLinks[position], phase: "access", error: error, context: context)
            }
            for earlier in accessLinks[..<position].reversed() { earlier.plugin.withdraw(context) }
            return .respond(response)
        }
        return .proceed
    }

    /// Runs the response phase on a head about to be sent to the client; the
    /// context's response headers are added first. Returns a 500 to send instead
    /// when a plugin throws.
    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) -> LocalResponse? {
        head.headers.add(contentsOf: context.responseHeaders)
        for position in responseLinks.indices {
            do {
                try responseLinks[position].plugin.responseHead(&head, context: context)
            } catch {
                return failure(of: responseLinks[position], phase: "response", error: error, context: context)
            }
        }
        return nil
    }

    /// Runs the log phase.
    func log(_ summary: ExchangeSummary, context: RequestContext) {
        for position in logLinks.indices { logLinks[position].plugin.log(summary, context: context) }
    }

    private func failure(of link: Link, phase: String, error: any Error, context: RequestContext) -> LocalResponse {
        logger.error(
            "plugin failed; the request is answered 500",
            metadata: [
                "plugin": "\(link.name)", "phase": "\(phase)", "route": "\(context.route.routeName)",
                "error": "\(error)",
            ])
        return .pluginFailure(link.name)
    }
}
