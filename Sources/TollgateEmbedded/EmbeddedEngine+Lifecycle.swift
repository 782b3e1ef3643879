import ServiceLifecycle

extension EmbeddedEngine: Service {
    /// Runs until graceful shutdown, then closes the store.
    ///
    /// Put the engine before the services that use it in a `ServiceGroup`: services
    /// shut down in reverse order, so the store closes after the last request.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
