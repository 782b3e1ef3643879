import Logging
import TollgateCore
import TollgateStore

extension EmbeddedEngine {
    /// Runs `body` in a read transaction; store failures become backend errors.
    func reading<Result: Sendable>(_ body: (StoreSession) async throws -> Result) async throws(GatewayError) -> Result {
        do {
            return try await store.read(body)
        } catch {
            throw gatewayError(error)
        }
    }

    /// Runs `body` as one atomic write; store failures become backend errors.
    func writing<Result: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> Result) async throws(GatewayError)
        -> Result
    {
        do {
            return try await store.write(body)
        } catch {
            throw gatewayError(error)
        }
    }

    /// A client-facing error for whatever a store operation threw.
    private func gatewayError(_ error: any Error) -> GatewayError {
        if let error = error as? GatewayError { return error }
        logger.error("Configuration store operation failed", metadata: ["error": "\(error)"])
        return .backend("the configuration store failed: \(error)")
    }
}
