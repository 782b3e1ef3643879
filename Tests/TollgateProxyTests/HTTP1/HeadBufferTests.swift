import NIOCore
import Testing

@testable import TollgateProxy

@Suite("Head buffers kept per connection")
struct HeadBufferTests {
    private static func address(_ bytes: ByteBuffer) -> UnsafeRawPointer? {
        bytes.withUnsafeReadableBytes { UnsafeRawPointer($0.baseAddress) }
    }

    /// The text staged, then handed out at once.
    private static func written(_ text: String, capacity: Int, into heads: inout HeadBuffer) -> ByteBuffer {
        heads.stage(capacity: capacity, allocator: ByteBufferAllocator()) { $0.writeString(text) }
        return heads.takeStaged()!
    }

    @Test("a head still waiting to be written is never overwritten by the next one")
    func headInFlightIsKept() {
        var heads = HeadBuffer()
        let first = Self.written("first head", capacity: 16, into: &heads)
        let second = Self.written("second", capacity: 16, into: &heads)
        #expect(String(buffer: first) == "first head")
        #expect(String(buffer: second) == "second")
    }

    @Test("once the socket let go of a head, the next one is written into the same memory; huge ones are not kept")
    func reuse() {
        var heads = HeadBuffer()
        let firstAddress = Self.address(Self.written("one", capacity: 64, into: &heads))
        let second = Self.written("two", capacity: 64, into: &heads)
        #expect(Self.address(second) == firstAddress)
        #expect(String(buffer: second) == "two")

        let huge = String(repeating: "x", count: HeadBuffer.maxKeptCapacity + 1)
        _ = Self.written(huge, capacity: huge.utf8.count, into: &heads)
        let after = Self.written("small", capacity: 64, into: &heads)
        #expect(after.capacity <= HeadBuffer.maxKeptCapacity)
    }

    @Test("body bytes that fit in the staged head's spare room are copied behind it; others follow it, in order")
    func send() {
        var heads = HeadBuffer()
        var writes: [String] = []
        let write = { (bytes: ByteBuffer) in writes.append(String(buffer: bytes)) }
        heads.send(ByteBuffer(string: "no head staged"), write: write)
        heads.stage(capacity: 16, allocator: ByteBufferAllocator()) { $0.writeString("head;") }
        heads.send(ByteBuffer(string: "body;"), write: write)
        #expect(writes == ["no head staged"])
        // The allocator may round the capacity up, at most to twice what was asked.
        let tooLarge = String(repeating: "x", count: 2 * (16 + HeadBuffer.bodyRoom) + 1)
        heads.send(ByteBuffer(string: tooLarge), write: write)
        heads.send(ByteBuffer(string: "after"), write: write)
        heads.release(to: write)
        #expect(writes == ["no head staged", "head;body;", tooLarge, "after"])
    }
}
