/// XXH32, the 32-bit member of the xxHash family: a fast, seedable,
/// non-cryptographic hash with the same result on every node and every run.
///
/// Consistent hashing needs that stability; Swift's `Hasher` is seeded randomly
/// per process, so two nodes (or two runs) would build different rings.
/// Written from the published algorithm description and checked against its
/// reference test vectors.
@usableFromInline
enum XXHash32 {
    private static let prime1: UInt32 = 0x9E37_79B1
    private static let prime2: UInt32 = 0x85EB_CA77
    private static let prime3: UInt32 = 0xC2B2_AE3D
    private static let prime4: UInt32 = 0x27D4_EB2F
    private static let prime5: UInt32 = 0x1656_67B1

    /// The hash of `bytes` with `seed`.
    @usableFromInline
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        let count = bytes.count
        var offset = 0
        var hash: UInt32
        if count >= 16 {
            var lanes = (seed &+ prime1 &+ prime2, seed &+ prime2, seed, seed &- prime1)
            while offset + 16 <= count {
                lanes.0 = round(lanes.0, word(bytes, at: offset))
                lanes.1 = round(lanes.1, word(bytes, at: offset + 4))
                lanes.2 = round(lanes.2, word(bytes, at: offset + 8))
                lanes.3 = round(lanes.3, word(bytes, at: offset + 12))
                offset += 16
            }
            hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt32(truncatingIfNeeded: count)
        while offset + 4 <= count {
            hash = rotate(hash &+ word(bytes, at: offset) &* prime3, 17) &* prime4
            offset += 4
        }
        while offset < count {
            hash = rotate(hash &+ UInt32(bytes[offset]) &* prime5, 11) &* prime1
            offset += 1
        }
        return avalanche(hash)
    }

    /// The hash of a byte collection; copies it only when it has no contiguous storage.
    @inlinable
    static func hash(_ bytes: some Collection<UInt8>, seed: UInt32 = 0) -> UInt32 {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return contiguous
        }
        return Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }

    private static func round(_ lane: UInt32, _ input: UInt32) -> UInt32 {
        rotate(lane &+ input &* prime2, 13) &* prime1
    }

    private static func avalanche(_ value: UInt32) -> UInt32 {
        var hash = value
        hash ^= hash >> 15
        hash &*= prime2
        hash ^= hash >> 13
        hash &*= prime3
        hash ^= hash >> 16
        return hash
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func rotate(_ value: UInt32, _ bits: UInt32) -> UInt32 {
        (value << bits) | (value >> (32 - bits))
    }
}
