import NIOCore

/// The buffer a connection writes its message heads into, kept from one message to the
/// next: once the socket has taken a head, the buffer is the connection's alone again,
/// and the next head reuses it instead of allocating.
struct HeadBuffer {
    /// A larger buffer (left by a rare huge head) is not kept.
    static let maxKeptCapacity = 4096

    private var kept: ByteBuffer?

    /// The bytes `write` writes into a buffer of at least `capacity` bytes.
    mutating func head(capacity: Int, allocator: ByteBufferAllocator, _ write: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var bytes: ByteBuffer
        if var reused = kept {
            kept = nil
            // Allocates only when the previous head is still waiting to be written.
            reused.clear(minimumCapacity: capacity)
            bytes = reused
        } else {
            bytes = allocator.buffer(capacity: capacity)
        }
        write(&bytes)
        if bytes.capacity <= Self.maxKeptCapacity { kept = bytes }
        return bytes
    }
}
