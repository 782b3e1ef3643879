#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` within `range`, or nil.
    ///
    /// Found by the C library's `memchr`, which compares many bytes per instruction where
    /// `firstIndex(of:)` compares one: every line break and colon of every head the proxy
    /// reads is looked for here.
    func firstOffset(of byte: UInt8, in range: Range<Int>) -> Int? {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "the range lies outside the bytes")
        guard !range.isEmpty, let base = baseAddress, let found = memchr(base + range.lowerBound, Int32(byte), range.count)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
