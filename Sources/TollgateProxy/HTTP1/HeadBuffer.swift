import NIOCore

/// The buffer a connection writes its message heads into, kept from one message to the
/// next: once the socket has taken a head, the buffer is the connection's alone again,
/// and the next head reuses it instead of allocating.
///
/// A head can stay staged until the connection hands it to its channel: body bytes
/// that fit in the buffer's spare room are copied behind it meanwhile, so a small
/// message whose body arrives with its head leaves in one write instead of two.
struct HeadBuffer {
    /// A larger buffer (left by a rare huge head) is not kept.
    static let maxKeptCapacity = 4096
    /// The spare room asked for behind a staged head: a body part that arrives with its
    /// head and fits leaves with it (copying at most this much costs less than a write).
    static let bodyRoom = 1024

    private var kept: ByteBuffer?
    /// The head written last, with any body bytes behind it, not yet handed out.
    private var staged: ByteBuffer?

    /// Stages the bytes `write` writes into a buffer of at least `capacity` bytes, plus
    /// ``bodyRoom``; the head staged before, if any, must have been taken.
    mutating func stage(capacity: Int, allocator: ByteBufferAllocator, _ write: (inout ByteBuffer) -> Void) {
        precondition(staged == nil, "a staged head was not taken before the next one")
        let capacity = capacity + Self.bodyRoom
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
        staged = bytes
    }

    /// Copies `bytes` behind the staged head when they fit in its spare room (the buffer
    /// is then this one's alone, so nothing is reallocated); otherwise passes the staged
    /// bytes, if any, then `bytes` to `write`, so that the message's bytes keep their order.
    mutating func send(_ bytes: ByteBuffer, write: (ByteBuffer) -> Void) {
        if let room = staged?.writableBytes, bytes.readableBytes <= room {
            staged!.writeImmutableBuffer(bytes)
            return
        }
        release(to: write)
        write(bytes)
    }

    /// Passes the staged bytes, if any, to `write`; a connection calls it before it flushes.
    mutating func release(to write: (ByteBuffer) -> Void) {
        if let staged = takeStaged() { write(staged) }
    }

    /// The staged bytes, handed out to be written; the buffer is kept for the next head.
    mutating func takeStaged() -> ByteBuffer? {
        guard let bytes = staged else { return nil }
        staged = nil
        if bytes.capacity <= Self.maxKeptCapacity { kept = bytes }
        return bytes
    }
}
