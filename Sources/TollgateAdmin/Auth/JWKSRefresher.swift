import ServiceLifecycle

/// Reloads the admin JWKS in the background: once at start, then every `interval`, until
/// graceful shutdown or cancellation.
struct JWKSRefresher: Service {
    let source: JWKSKeySource
    let interval: Duration

    func run() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await source.refresh()
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
