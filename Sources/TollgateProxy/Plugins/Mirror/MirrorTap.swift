import NIOCore
import NIOHTTP1
import Synchronization

/// Collects the body of one sampled request while it streams upstream, and hands
/// the finished copy to the mirror's dispatcher once the request is complete.
///
/// Bodies over ``maxBodyBytes`` are not mirrored (and are counted as skipped);
/// a request cut short is not mirrored at all. Loop-bound, like the request.
final class MirrorTap: RequestBodyTap {
    /// The largest body a copy carries: 1 MiB.
    static let maxBodyBytes = 1 << 20

    private let head: HTTPRequestHead
    private let includeBody: Bool
    private let timeout: TimeAmount
    private let destination: MirrorDestination
    private let hostSuffix: String
    private let dispatcher: MirrorDispatcher
    private var body: ByteBuffer?
    private var tooLarge: Bool
    private var finished = false

    /// - Parameters:
    ///   - head: The request as sent upstream.
    ///   - declaredLength: Its `Content-Length`, when it has one.
    ///   - stage: The mirror that sampled it.
    init(head: HTTPRequestHead, declaredLength: Int?, stage: MirrorStage) {
        self.head = head
        includeBody = stage.includeBody
        timeout = stage.timeout
        destination = stage.destination
        hostSuffix = stage.hostSuffix
        dispatcher = stage.dispatcher
        tooLarge = includeBody && (declaredLength ?? 0) > Self.maxBodyBytes
    }

    func append(_ chunk: ByteBuffer) {
        guard includeBody, !tooLarge else { return }
        let total = (body?.readableBytes ?? 0) + chunk.readableBytes
        guard total <= Self.maxBodyBytes else {
            tooLarge = true
            body = nil
            return
        }
        if body == nil {
            body = chunk
        } else {
            body?.writeImmutableBuffer(chunk)
        }
    }

    func finish(complete: Bool) {
        guard !finished else { return }
        finished = true
        guard complete else { return }
        if tooLarge {
            dispatcher.counters.skipped.add(1, ordering: .relaxed)
            return
        }
        dispatcher.submit(
            MirrorCopy(
                head: head, body: includeBody ? body : nil, timeout: timeout, destination: destination,
                hostSuffix: hostSuffix))
    }
}
