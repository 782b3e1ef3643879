import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("proxy headers")
struct ProxyHeadersTests {
    @Test("header names compare case-insensitively for letters only")
    func caseFolding() {
        #expect("Keep-Alive".equalsCaseInsensitively("keep-alive"))
        #expect(!"x^y".equalsCaseInsensitively("x~y"))
        #expect(!"a[b".equalsCaseInsensitively("a{b"))
        #expect(!"abc".equalsCaseInsensitively("abcd"))
        #expect("x-Id: 1".split(separator: ":")[0].equalsCaseInsensitively("X-ID"))
    }

    @Test("a header name set matches any case, substrings and names of any length, and nothing else")
    func nameSet() {
        let long = String(repeating: "x", count: 70)
        let set = HeaderNameSet(["te", "keep-alive", long])
        #expect(set.contains("TE") && set.contains("Keep-Alive") && set.contains(long.uppercased()))
        #expect(set.contains("a, keep-alive".split(separator: " ")[1]))
        #expect(!set.contains("t") && !set.contains("user-agent") && !set.contains(String(repeating: "x", count: 71)))
    }

    @Test("hop-by-hop headers and those Connection names go; look-alike names and framing stay")
    func removal() {
        let headers = HTTPHeaders([
            ("Connection", "X-Hop^, content-length,\tX-Other ,keep-alive, Host"), ("x-hop^", "1"), ("x-hop~", "2"),
            ("Keep-Alive", "5"), ("content-length", "3"), ("X-OTHER", "4"), ("host", "h"), ("accept", "*/*"),
        ])
        let kept = ProxyHeaders.endToEndHeaders(of: headers, reserving: 0) { name, _ in name != "accept" }
        #expect(kept.map(\.0) == ["x-hop~", "content-length", "host"])

        let plain = HTTPHeaders([("connection", "keep-alive"), ("server", "s")])
        #expect(ProxyHeaders.endToEndHeaders(of: plain, reserving: 0) { _, _ in true }.map(\.0) == ["server"])
    }
}
