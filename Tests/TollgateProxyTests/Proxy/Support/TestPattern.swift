import Crypto
import NIOCore

/// The deterministic bytes large-body tests send: one 64 KiB chunk repeated.
enum TestPattern {
    static let chunkSize = 64 * 1024
    static let chunk: ByteBuffer = {
        var buffer = ByteBuffer()
        buffer.writeBytes((0..<chunkSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        return buffer
    }()

    /// The chunks that make up `total` bytes (the last one shorter when needed).
    static func chunks(total: Int) -> [Int] {
        stride(from: 0, to: total, by: chunkSize).map { min(chunkSize, total - $0) }
    }

    /// The first `length` bytes of ``chunk``.
    static func slice(_ length: Int) -> ByteBuffer {
        chunk.getSlice(at: chunk.readerIndex, length: length)!
    }

    /// Hex SHA-256 of `total` pattern bytes.
    static func sha256(total: Int) -> String {
        var hasher = SHA256()
        for length in chunks(total: total) {
            slice(length).withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        }
        return hasher.finalize().hex
    }
}

extension Digest {
    /// Lowercase hexadecimal form.
    var hex: String {
        map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
