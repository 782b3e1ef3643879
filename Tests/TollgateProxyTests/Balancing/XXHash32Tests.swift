import Testing

@testable import TollgateProxy

@Suite("XXHash32")
struct XXHash32Tests {
    @Test(
        "matches the reference test vectors",
        arguments: [
            ("", UInt32(0), UInt32(0x02CC_5D05)),
            ("", 1, 0x0B2C_B792),
            ("", 0x7FFF_FFFF, 0xC89B_854F),
            ("a", 0, 0x550D_7456),
            ("abc", 0, 0x32D1_53FF),
            ("123456789", 0, 0x937B_AD67),
            ("123456789ABCDEF", 0, 0x576E_3CF9),
            ("123456789ABCDEF1", 0, 0x82D8_0129),
            ("123456789ABCDEF1", 1, 0x70AB_0BE4),
            ("123456789ABCDEF123456789ABCDEF123456789", 0, 0xED8D_024F),
            ("123456789ABCDEF123456789ABCDEF123456789", 0x7FFF_FFFF, 0xF988_DACE),
        ])
    func referenceVectors(input: String, seed: UInt32, expected: UInt32) {
        #expect(XXHash32.hash(input.utf8, seed: seed) == expected)
    }

    @Test("a collection without contiguous storage hashes like its bytes")
    func nonContiguousInput() {
        let bytes = Array("123456789ABCDEF1".utf8)
        #expect(XXHash32.hash(bytes.lazy.map { $0 }) == 0x82D8_0129)
    }

    @Test("a hash key is the same for a string, a substring, bytes and a raw buffer")
    func hashKeyInputs() {
        let text = "x-user: alice"
        let bytes = Array("alice".utf8)
        let expected = HashKey(hashing: "alice")
        #expect(HashKey(hashing: text.split(separator: " ")[1]) == expected)
        #expect(HashKey(hashing: bytes) == expected)
        #expect(bytes.withUnsafeBytes { HashKey(hashing: $0) } == expected)
        #expect(expected.value == XXHash32.hash("alice".utf8))
    }
}
