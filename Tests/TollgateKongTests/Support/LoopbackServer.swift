import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs the application `makeApplication` builds (listening on 127.0.0.1, port 0)
/// while `body` runs with the port it listens on, then shuts it down, also when
/// `body` throws.
///
/// `makeApplication` gets the `onServerRunning` callback that reports the port.
func withLoopbackServer<App: ApplicationProtocol, Result: Sendable>(
    logger: Logger, _ makeApplication: (@escaping @Sendable (any Channel) async -> Void) -> App,
    _ body: (Int) async throws -> Result
) async throws -> Result {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = makeApplication { channel in portSink.yield(channel.localAddress?.port ?? 0) }
    let services = ServiceGroup(services: [app], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { portSink.finish() }
            try await services.run()
        }
        do {
            guard let port = await ports.first(where: { _ in true }), port > 0 else { throw LoopbackServerStartFailure() }
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

/// A test server did not report a listening port.
struct LoopbackServerStartFailure: Error, CustomStringConvertible {
    var description: String { "a test server (Kong emulator or admin API) did not start listening on 127.0.0.1" }
}
