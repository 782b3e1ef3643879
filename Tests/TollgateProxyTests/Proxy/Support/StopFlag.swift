import Synchronization

/// A flag one task raises and others poll (load generators stop on it).
final class StopFlag: Sendable {
    private let raised = Atomic(false)

    func raise() {
        raised.store(true, ordering: .relaxed)
    }

    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
