import Synchronization

/// What a ``TestUpstream`` saw: connections accepted and requests received. Thread-safe.
final class UpstreamLog: Sendable {
    private struct State {
        var connections = 0
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

    func record(_ report: UpstreamReport) {
        state.withLock { $0.requests.append(report) }
    }

    var connections: Int { state.withLock { $0.connections } }
    var requests: [UpstreamReport] { state.withLock { $0.requests } }
}
