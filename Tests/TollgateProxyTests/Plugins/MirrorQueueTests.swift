import Testing

@testable import TollgateProxy

/// The mirror's bounded queue and the `Host` suffix, without I/O.
@Suite("Mirror queue")
struct MirrorQueueTests {
    @Test("copies start while slots are free, then wait, then are rejected; a finished copy hands its slot on")
    func admission() {
        var queue = MirrorQueue<Int>(limits: .init(maxInFlight: 2, maxQueued: 2, maxQueuedBytes: 100))
        #expect(queue.admit(1, bytes: 10) == .start)
        #expect(queue.admit(2, bytes: 10) == .start)
        #expect(queue.admit(3, bytes: 60) == .queued)
        #expect(queue.admit(4, bytes: 41) == .rejected, "over the byte bound")
        #expect(queue.admit(5, bytes: 40) == .queued)
        #expect(queue.admit(6, bytes: 0) == .rejected, "over the count bound")
        #expect(queue.finished() == 3)
        #expect(queue.inFlight == 2 && queue.queued == 1)
        #expect(queue.admit(7, bytes: 60) == .queued, "the bytes of a started copy are released")
        #expect(queue.finished() == 5)
        #expect(queue.finished() == 7)
        #expect(queue.finished() == nil)
        #expect(queue.finished() == nil)
        #expect(queue.inFlight == 0)
    }

    @Test("a retired queue drops what waits and rejects the rest")
    func retire() {
        var queue = MirrorQueue<Int>(limits: .init(maxInFlight: 1, maxQueued: 5, maxQueuedBytes: 100))
        #expect(queue.admit(1, bytes: 0) == .start)
        #expect(queue.admit(2, bytes: 0) == .queued)
        #expect(queue.admit(3, bytes: 0) == .queued)
        #expect(queue.retire() == 2)
        #expect(queue.admit(4, bytes: 0) == .rejected)
        #expect(queue.finished() == nil)
    }

    @Test(
        "the suffix goes after the host, before the port",
        arguments: [
            ("api.example.com", "api.example.com-shadow"), ("api.example.com:8080", "api.example.com-shadow:8080"),
            ("[::1]:8080", "[::1]-shadow:8080"), ("[::1]", "[::1]-shadow"),
        ])
    func hostSuffix(host: String, expected: String) {
        #expect(MirrorCopy.suffixed(host: host, with: "-shadow") == expected)
    }
}
