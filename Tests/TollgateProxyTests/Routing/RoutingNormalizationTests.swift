import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("Routing path normalisation")
struct RoutingNormalizationTests {
    static let cases: [(String, String)] = [
        ("/", "/"),
        ("/a/b", "/a/b"),
        ("/%41", "/A"),
        ("/%7e%5F%2d%2E", "/~_-."),
        ("/a%2Fb", "/a%2Fb"),
        ("/a%2fb", "/a%2Fb"),
        ("/%3a%40", "/%3A%40"),
        ("/%zz/%4", "/%zz/%4"),
        ("/%C3%A9", "/%C3%A9"),
        ("//a///b", "/a/b"),
        ("/../a", "/a"),
        ("/..", "/"),
        ("/.", "/"),
        ("/a/./b/../c", "/a/c"),
        ("/a/b/..", "/a/"),
        ("/a/b/.", "/a/b/"),
        ("/a/", "/a/"),
        ("/a//", "/a/"),
        ("/a/%2E%2E/b", "/b"),
        ("/a/.%2e/b", "/b"),
        ("/a/../../../b", "/b"),
        ("/.../a", "/.../a"),
        ("/a..b/.c", "/a..b/.c"),
        ("/a%2fb/../c", "/c"),
        ("/%2e%2E/x", "/x"),
        ("/a/%2e/b//c/./", "/a/b/c/"),
        ("/a/b%41%2f/", "/a/bA%2F/"),
        ("/a/..", "/"),
        ("//", "/"),
        ("*", "*"),
    ]

    @Test("paths are normalised per RFC 3986 §6.2.2", arguments: cases)
    func normalize(_ testCase: (String, String)) {
        let normalized = PathNormalizer.normalize(testCase.0[...]) ?? testCase.0
        #expect(normalized == testCase.1)
    }

    @Test("an already normal path is reported as such (no new string)")
    func alreadyNormal() {
        for path in ["/", "/a/b/", "/a%2Fb", "/x.y/..z", "/~user"] {
            #expect(PathNormalizer.normalize(path[...]) == nil, "\(path)")
        }
    }

    @Test("route prefix paths are normalised like requests, so they still match")
    func routePathsNormalised() {
        let fixture = RoutingFixture([RouteSpec(name: "r", paths: ["/a//%62/./c"])])
        #expect(fixture.route("/a/b/c/d") == "r")
        #expect(fixture.route("/a/%62/c") == "r")
    }

    @Test("regex patterns get their escapes normalised, and a decoded dot stays literal")
    func regexPatternsNormalised() {
        #expect(PathNormalizer.normalizeRegexPattern("/%7euser/a%2eb/%2f") == #"/~user/a\.b/%2F"#)
        let fixture = RoutingFixture([RouteSpec(name: "r", paths: ["~/a%2eb$"])])
        #expect(fixture.route("/a.b") == "r")
        #expect(fixture.route("/axb") == nil)
    }
}
