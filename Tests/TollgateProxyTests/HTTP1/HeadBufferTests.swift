import NIOCore
import Testing

@testable import TollgateProxy

@Suite("Head buffers kept per connection")
struct HeadBufferTests {
    private static func address(_ bytes: ByteBuffer) -> UnsafeRawPointer? {
        bytes.withUnsafeReadableBytes { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("a head still waiting to be written is never overwritten by the next one")
    func headInFlightIsKept() {
        var heads = HeadBuffer()
        let allocator = ByteBufferAllocator()
        let first = heads.head(capacity: 16, allocator: allocator) { $0.writeString("first head") }
        let second = heads.head(capacity: 16, allocator: allocator) { $0.writeString("second") }
        #expect(String(buffer: first) == "first head")
        #expect(String(buffer: second) == "second")
    }

    @Test("once the socket let go of a head, the next one is written into the same memory; huge ones are not kept")
    func reuse() {
        var heads = HeadBuffer()
        let allocator = ByteBufferAllocator()
        let firstAddress = Self.address(heads.head(capacity: 64, allocator: allocator) { $0.writeString("one") })
        let second = heads.head(capacity: 64, allocator: allocator) { $0.writeString("two") }
        #expect(Self.address(second) == firstAddress)
        #expect(String(buffer: second) == "two")

        let huge = String(repeating: "x", count: HeadBuffer.maxKeptCapacity + 1)
        _ = heads.head(capacity: huge.utf8.count, allocator: allocator) { $0.writeString(huge) }
        let after = heads.head(capacity: 64, allocator: allocator) { $0.writeString("small") }
        #expect(after.capacity <= HeadBuffer.maxKeptCapacity)
    }
}
