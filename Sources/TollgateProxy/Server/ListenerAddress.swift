import NIOCore
import Synchronization

/// The address a listener bound, handed to whoever waits for it.
///
/// Unlike an `EventLoopPromise`, it may be dropped unresolved (a server that is
/// created but never run) without tripping NIO's leaked-promise check.
final class ListenerAddress: Sendable {
    private enum State {
        case waiting([CheckedContinuation<SocketAddress, any Error>])
        case resolved(Result<SocketAddress, any Error>)
    }

    private let state = Mutex(State.waiting([]))

    /// The bound address, once the listener is up; throws when binding failed.
    func value() async throws -> SocketAddress {
        try await withCheckedThrowingContinuation { continuation in
            let resolved: Result<SocketAddress, any Error>? = state.withLock { state in
                switch state {
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return nil
                case .resolved(let result):
                    return result
                }
            }
            if let resolved { continuation.resume(with: resolved) }
        }
    }

    /// Settles the address once; later calls are ignored.
    func resolve(_ result: Result<SocketAddress, any Error>) {
        let waiters: [CheckedContinuation<SocketAddress, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = .resolved(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}
