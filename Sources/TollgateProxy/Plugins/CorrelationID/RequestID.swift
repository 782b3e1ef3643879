import Synchronization

/// Request ids in the text form of version 4 UUIDs, lowercase, as Kong's `uuid` generator writes them.
///
/// An id is unique, not secret: like Kong's generator (a seeded PRNG), it is not drawn
/// from the system's random source, which costs a system call per draw on Linux. A
/// process-wide sequence number is mixed with two random seeds drawn at start-up through
/// a bijective mix (SplitMix64's finaliser), so ids never repeat within a process and
/// differ between processes.
enum RequestID {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let seeds: (high: UInt64, low: UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()
    private static let sequence = Atomic<UInt64>(0)

    /// A new id such as `3f2b8c1e-9d4a-4f6b-8e2d-1c5a7b9e0f34`.
    static func uuid() -> String {
        let number = sequence.wrappingAdd(1, ordering: .relaxed).oldValue
        // Version 4 in the 13th hex digit, variant 10 in the 17th.
        let high = mix(seeds.high &+ number) & ~0xF000 | 0x4000
        let low = mix(seeds.low ^ number) & ~(0xC << 60) | (0x8 << 60)
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = digit < 16 ? high : low
                text[position] = hexDigits[Int(truncatingIfNeeded: word >> (60 - 4 * UInt64(digit % 16)) & 0xF)]
                position += 1
            }
            return position
        }
    }

    /// SplitMix64's finaliser: a bijection on 64-bit words that spreads every input bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var word = value &+ 0x9E37_79B9_7F4A_7C15
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        return word ^ (word >> 31)
    }
}
