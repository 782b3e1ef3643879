import Testing

@testable import TollgateProxy

@Suite("Routing regex matcher")
struct RoutingRegexTests {
    static let patterns = [
        #"/users/\d+/orders"#, "/a|/b", "/(a|ab)(c|bcd)(d*)", "/a*?b", "/a{2,3}", "/a{2}", "/a{2,}", "/a{0,2}?a",
        "/[a-c]+x", "/[^/]+/?$", #"/\w+\b"#, #"/\W"#, #"/\s?x"#, #"/\S+\B"#, "/(?:ab)+", "/(?<id>[0-9]+)", "/x.y",
        "^/anchored", #"\A/x\z"#, "/a??b", "/(a*)*b", "/(a|)+$", "/[-a]+", "/[a-]+", #"/[\d.]+"#, #"/[\]\-]+"#,
        #"/\.json$"#, "/v1|/v2/x", "/a+$", "/(foo|foobar)", "/(?:a|b)*?c", #"/[\w-]+/\d{1,3}"#, "/.*/reports",
        "/(?P<n>x)(?'m'y)", "/a{3,5}b", "/[^a-z]", "/$",
    ]

    static let texts = [
        "", "/", "/a", "/b", "/abcd", "/abcdd", "/aab", "/aaaa", "/aaaaab", "/abcx", "/foo/", "/foo", "/hello world",
        "/ x", "/ababab", "/42x", "/xzy", "/x.y", "/anchored/1", "/ab", "/aaab", "/-", "/-a-", "/1.2.3", "/file.json",
        "/v1", "/v2/x", "/foobar", "/ababc", "/users/123/orders/9", "/users/x/orders", "/x", "/xy", "/]-]",
        "/my-item/123/more", "/a/b/reports/1", "/Z", "/9",
    ]

    private func program(_ pattern: String) throws -> RegexProgram {
        var parser = RegexParser(pattern: pattern)
        return try RegexCompiler.compile(parser.parse())
    }

    @Test("the byte matcher agrees with Swift's Regex (ASCII, simple boundaries) on ASCII paths", arguments: patterns)
    func agreesWithSwiftRegex(_ pattern: String) throws {
        let compiled = try program(pattern)
        let reference = try Regex(pattern).asciiOnlyCharacterClasses().wordBoundaryKind(.simple)
        for text in Self.texts {
            let expected = try reference.prefixMatch(in: text).map {
                text.utf8.distance(from: text.startIndex, to: $0.range.upperBound)
            }
            let actual = Array(text.utf8).withUnsafeBufferPointer { compiled.prefixMatchLength(in: $0) }
            #expect(actual == expected, "\(pattern) on \(text)")
        }
    }

    @Test(
        "syntax outside the byte matcher's subset is left to Swift's Regex",
        arguments: [#"/(?=a)a"#, #"/(a)\1"#, #"/\p{L}+"#, "/(?i)abc", "/a++", "/[[:alpha:]]", "/é", "/a{1001}"])
    func unsupported(_ pattern: String) {
        var parser = RegexParser(pattern: pattern)
        #expect(throws: RegexParser.Unsupported.self) { try RegexCompiler.compile(parser.parse()) }
    }

    private func length(_ pattern: String, _ path: String) -> Int? {
        let regex = PathRegex(pattern: pattern)
        return Array(path.utf8).withUnsafeBufferPointer { regex.prefixMatchLength(in: $0) }
    }

    @Test("a path regex still matches with syntax the byte matcher leaves to Swift's Regex")
    func fallback() {
        #expect(length("/(?i)abc", "/ABC/d") == 4)
        #expect(length(#"/(a)\1"#, "/aa") == 3)
        #expect(length(#"/(?i)\w+"#, "/café/") == 4)
        #expect(length("/(", "/(") == nil)
    }

    @Test("non-ASCII bytes match as bytes, as PCRE without UTF mode (Kong) does")
    func bytesSemantics() {
        #expect(length("/x/.$", "/x/é") == nil)
        #expect(length("/x/..$", "/x/é") == 5)
        #expect(length(#"/\w+"#, "/café/") == 4)
    }

    @Test("the literal prefix is what every match starts with")
    func literalPrefix() {
        #expect(PathRegex(pattern: #"/users/\d+"#).literalPrefix == Array("/users/".utf8))
        #expect(PathRegex(pattern: "^/a(b)c").literalPrefix == Array("/abc".utf8))
        #expect(PathRegex(pattern: "/a+").literalPrefix == Array("/".utf8))
        #expect(PathRegex(pattern: "/a|/b").literalPrefix == [])
        #expect(PathRegex(pattern: "/(?i)x").literalPrefix == [])
    }

    @Test("catastrophic patterns finish: states are visited at most once")
    func noExponentialBacktracking() throws {
        let compiled = try program("/(a*)*b")
        let text = "/" + String(repeating: "a", count: 200)
        #expect(Array(text.utf8).withUnsafeBufferPointer { compiled.prefixMatchLength(in: $0) } == nil)
    }
}
