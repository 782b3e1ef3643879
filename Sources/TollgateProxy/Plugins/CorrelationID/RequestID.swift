/// Random request ids: version 4 UUIDs in lowercase text, as Kong's `uuid` generator writes them.
enum RequestID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A new random id such as `3f2b8c1e-9d4a-4f6b-8e2d-1c5a7b9e0f34`.
    static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        // Version 4 in the 13th hex digit, variant 10 in the 17th.
        let high = (generator.next() as UInt64) & ~0xF000 | 0x4000
        let low = (generator.next() as UInt64) & ~(0xC << 60) | (0x8 << 60)
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
}
