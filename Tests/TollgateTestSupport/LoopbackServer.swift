import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves `responder` over HTTP/1.1 on 127.0.0.1 (a free port) while `body` runs with
/// that port, then shuts the server down, also when `body` throws: gracefully, then
/// by cancellation after a second.
public func withLoopbackServer<Responder: HTTPResponder, Result: Sendable>(
    _ responder: Responder, logger: Logger, _ body: (Int) async throws -> Result
) async throws -> Result where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    var configuration = ServiceGroupConfiguration(services: [app], logger: logger)
    // A handler still busy at the end (a test's endpoint that never answers) is cancelled, not waited for.
    configuration.maximumGracefulShutdownDuration = .seconds(1)
    let services = ServiceGroup(configuration: configuration)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { portSink.finish() }
            try await services.run()
        }
        do {
            guard let port = await ports.first(where: { _ in true }), port > 0 else {
                // The server stopped before listening: its own error says why, if it threw one.
                try await tasks.waitForAll()
                throw LoopbackServerStartFailure()
            }
            let result = try await body(port)
            await services.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await services.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// A test server stopped before it reported a listening port.
public struct LoopbackServerStartFailure: Error, CustomStringConvertible {
    public var description: String { "a test server did not start listening on 127.0.0.1; see the log above" }
}
