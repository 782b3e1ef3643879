import NIOCore

/// One probe in flight: settled once, by whichever comes first — its answer, a
/// connection failure, or its timeout (``expire()``, run by the ``ProbeTimeline``).
/// A timeout also closes the connection the probe was using.
///
/// Loop-bound: used only on the checker's event loop. (A callback rather than a
/// future: one probe per target per interval adds up, and this is cheaper.)
final class ProbeAttempt {
    /// What the probe saw; nil when the answer counts neither way.
    typealias Outcome = HealthObservation?

    private var onSettled: ((Outcome) -> Void)?
    private var channel: (any Channel)?

    /// - Parameter onSettled: Gets the outcome, once.
    init(onSettled: @escaping (Outcome) -> Void) {
        self.onSettled = onSettled
    }

    /// Whether the outcome is known.
    var isSettled: Bool { onSettled == nil }

    /// The connection the probe uses: closed if the attempt times out.
    func use(_ channel: any Channel) {
        if isSettled { return }
        self.channel = channel
    }

    /// Settles the attempt; later calls do nothing.
    func settle(_ outcome: Outcome) {
        guard let onSettled else { return }
        self.onSettled = nil
        channel = nil
        onSettled(outcome)
    }

    /// The probe's time is up: unless it is settled, it times out and its connection is closed.
    func expire() {
        let channel = channel
        guard !isSettled else { return }
        settle(.timeout)
        channel?.close(promise: nil)
    }
}
