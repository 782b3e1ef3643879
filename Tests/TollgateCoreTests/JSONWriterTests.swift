import Foundation
import Testing

@testable import TollgateCore

@Suite("JSON writer")
struct JSONWriterTests {
    static let samples: [JSONValue] = [
        ["name": "orders", "port": 8080, "path": nil, "tags": ["a", "b/c"], "ratio": .double(1.5), "whole": .double(5)],
        ["text": "quote \" backslash \\ newline \n tab \t bell \u{07} é ✓ /slash"],
        [.bool(true), .bool(false), .int(-42), .array([]), .object([:])],
        ["nested": ["z": 1, "a": ["y": [1, 2, 3], "b": "x"]]],
    ]

    @Test("writes what JSONEncoder with sorted keys and unescaped slashes writes", arguments: samples)
    func matchesFoundation(value: JSONValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        let written = JSONCoding.serialize(value)
        #expect(try JSONCoding.parse(written) == expected)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    @Test("escapes control characters and keeps slashes and non-ASCII as they are")
    func escaping() {
        let written = String(decoding: JSONCoding.serialize(["k": "a/b\u{01}é"]), as: UTF8.self)
        #expect(written == #"{"k":"a/b\u0001é"}"#)
    }
}
