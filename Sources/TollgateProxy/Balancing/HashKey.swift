/// What consistent hashing places on the ring: the xxHash32 of the request's hash
/// input (a header value, a cookie value, the client IP's bytes).
///
/// The caller extracts the bytes; the key keeps only their 32-bit hash, so it
/// is a plain value that never allocates. The hash is seedless and the same on
/// every node, so a client lands on the same target whichever node serves it.
public struct HashKey: Sendable, Hashable {
    /// The key's position on the ring.
    public var value: UInt32

    /// A key with a precomputed position (tests, or a hash computed elsewhere).
    public init(value: UInt32) {
        self.value = value
    }

    /// The key of raw bytes, such as a client address in network byte order.
    public init(hashing bytes: UnsafeRawBufferPointer) {
        value = XXHash32.hash(bytes)
    }

    /// The key of a byte collection; allocation-free when it has contiguous storage.
    @inlinable
    public init(hashing bytes: some Collection<UInt8>) {
        self.init(value: XXHash32.hash(bytes))
    }

    /// The key of a text's UTF-8 bytes (a header or cookie value).
    @inlinable
    public init(hashing text: some StringProtocol) {
        self.init(hashing: text.utf8)
    }
}
