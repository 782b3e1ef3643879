import NIOCore
import NIOPosix
import Synchronization

/// Sends one mirror's copies from its own bounded queue and its own connections,
/// so that the primary traffic never waits for the mirror.
///
/// A copy is sent from the event loop that submits it (the one that served the
/// primary, or the one where the copy before it finished), over that loop's
/// ``MirrorLoopSender``: no thread hop. Two short locks per copy, the queue's and the
/// sender table's, are shared by the loops that mirror this route.
///
/// Plugin state: it outlives snapshots while the mirror exists, and is retired
/// (its idle connections closed, its waiting copies dropped) once the mirror is gone.
final class MirrorDispatcher: RetirableState {
    private let queue: Mutex<MirrorQueue<MirrorCopy>>
    /// Each event loop's sender, created on first use on that loop.
    private let senders = Mutex<[ObjectIdentifier: NIOLoopBound<MirrorLoopSender>]>([:])
    private let upstreamAccess: UpstreamAccess
    /// What the management API shows for the mirror.
    let counters: MirrorStatCells

    /// - Parameters:
    ///   - counters: Where the outcome of each copy is counted.
    ///   - upstreamAccess: How copies reach the mirror; copies submitted from a thread that
    ///     is not one of its event loops are sent from one of them.
    ///   - limits: The bounds of the queue.
    init(
        counters: MirrorStatCells, upstreamAccess: UpstreamAccess,
        limits: MirrorQueue<MirrorCopy>.Limits = .standard
    ) {
        self.counters = counters
        self.upstreamAccess = upstreamAccess
        queue = Mutex(MirrorQueue(limits: limits))
    }

    deinit {
        shutDownSenders()
    }

    /// Queues a copy, or drops and counts it when the queue is full. Never blocks.
    func submit(_ copy: MirrorCopy) {
        switch queue.withLock({ $0.admit(copy, bytes: copy.bodyBytes) }) {
        case .start: send(copy)
        case .queued: break
        case .rejected: counters.dropped.add(1, ordering: .relaxed)
        }
    }

    func retire() {
        let dropped = queue.withLock { $0.retire() }
        counters.dropped.add(dropped, ordering: .relaxed)
        shutDownSenders()
    }

    /// Sends `copy` in the slot it holds; copies that waited past their latest start,
    /// or have no usable target, give the slot to the next one.
    private func send(_ copy: MirrorCopy) {
        guard let eventLoop = MultiThreadedEventLoopGroup.currentEventLoop else {
            upstreamAccess.eventLoopGroup.next().execute { self.send(copy) }
            return
        }
        let sender = sender(on: eventLoop)
        var next: MirrorCopy? = copy
        while let copy = next {
            if NIODeadline.now() >= copy.latestStart {
                counters.dropped.add(1, ordering: .relaxed)
            } else if let (address, head, token) = copy.prepared() {
                sender.send(head, body: copy.body, to: address, deadline: copy.deadline) { answered in
                    token?.release()
                    if answered {
                        self.counters.sent.add(1, ordering: .relaxed)
                    } else {
                        self.counters.failed.add(1, ordering: .relaxed)
                    }
                    if let following = self.queue.withLock({ $0.finished() }) { self.send(following) }
                }
                return
            } else {
                counters.failed.add(1, ordering: .relaxed)
            }
            next = queue.withLock { $0.finished() }
        }
    }

    /// The sender of `eventLoop`, the current loop.
    private func sender(on eventLoop: any EventLoop) -> MirrorLoopSender {
        senders.withLock { senders in
            if let sender = senders[ObjectIdentifier(eventLoop)] { return sender }
            let sender = NIOLoopBound(
                MirrorLoopSender(eventLoop: eventLoop, upstreamAccess: upstreamAccess), eventLoop: eventLoop)
            senders[ObjectIdentifier(eventLoop)] = sender
            return sender
        }.value
    }

    private func shutDownSenders() {
        let senders = senders.withLock { senders in
            defer { senders.removeAll() }
            return Array(senders.values)
        }
        for sender in senders {
            sender.eventLoop.execute { sender.value.shutdown() }
        }
    }
}
