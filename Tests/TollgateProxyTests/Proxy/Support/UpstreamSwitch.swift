import Synchronization

/// Switches how a running ``TestUpstream`` answers: when set, every request gets
/// this action, whatever its `x-test-*` headers ask. Thread-safe.
final class UpstreamSwitch: Sendable {
    private let forced = Mutex<UpstreamBehaviour.Action?>(nil)

    /// The action every request gets, or nil for each request's own behaviour.
    var action: UpstreamBehaviour.Action? {
        get { forced.withLock { $0 } }
        set { forced.withLock { $0 = newValue } }
    }
}
