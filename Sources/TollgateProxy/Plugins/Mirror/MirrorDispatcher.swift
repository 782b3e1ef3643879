import AsyncHTTPClient
import NIOCore
import Synchronization

/// Sends one mirror's copies from its own bounded queue and its own HTTP client,
/// off the proxy's event loops, so that the primary traffic never waits for the mirror.
///
/// Plugin state: it outlives snapshots while the mirror exists, and is retired
/// (its client shut down, its waiting copies dropped) once the mirror is gone.
final class MirrorDispatcher: RetirableState {
    private let client: HTTPClient
    private let queue: Mutex<MirrorQueue<MirrorCopy>>
    private let isShutDown = Atomic<Bool>(false)
    /// What the management API shows for the mirror.
    let counters: MirrorStatCells

    /// - Parameters:
    ///   - counters: Where the outcome of each copy is counted.
    ///   - limits: The bounds of the queue (also the client's connections per host).
    init(counters: MirrorStatCells, limits: MirrorQueue<MirrorCopy>.Limits = .standard) {
        self.counters = counters
        queue = Mutex(MirrorQueue(limits: limits))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)),
            connectionPool: .init(idleTimeout: .seconds(60)), decompression: .disabled)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = limits.maxInFlight
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        shutDownClient()
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
        shutDownClient()
    }

    /// Sends `copy` in the slot it holds; copies that expired while waiting, or have
    /// no usable target, give the slot to the next one.
    private func send(_ copy: MirrorCopy) {
        var next: MirrorCopy? = copy
        while let copy = next {
            if NIODeadline.now() >= copy.deadline {
                counters.dropped.add(1, ordering: .relaxed)
            } else if let (request, token) = try? copy.request() {
                client.execute(request: request, delegate: MirrorResponseDiscarder(), deadline: copy.deadline)
                    .futureResult.whenComplete { result in
                        token?.release()
                        switch result {
                        case .success: self.counters.sent.add(1, ordering: .relaxed)
                        case .failure: self.counters.failed.add(1, ordering: .relaxed)
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

    private func shutDownClient() {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        client.shutdown { _ in }
    }
}
