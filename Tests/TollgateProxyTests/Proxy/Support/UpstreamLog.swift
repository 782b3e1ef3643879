import Synchronization

/// What a ``TestUpstream`` saw: connections accepted and closed, and requests received. Thread-safe.
final class UpstreamLog: Sendable {
    private struct State {
        var connections = 0
        var closed = 0
        var requests: [UpstreamReport] = []
    }

    private let state = Mutex(State())

    /// Counts a new connection; returns its ordinal (1 for the first).
    func connectionOpened() -> Int {
        state.withLock { state in
            state.connections += 1
            return state.connections
        }
    }

    /// Counts a connection that closed.
    func connectionClosed() {
        state.withLock { $0.closed += 1 }
    }

    func record(_ report: UpstreamReport) {
        state.withLock { $0.requests.append(report) }
    }

    var connections: Int { state.withLock { $0.connections } }
    /// Connections accepted and not closed yet.
    var openConnections: Int { state.withLock { $0.connections - $0.closed } }
    var requests: [UpstreamReport] { state.withLock { $0.requests } }
}
