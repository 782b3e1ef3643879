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
    }

    @Test("hop-by-hop headers and those Connection names go; look-alike names and framing stay")
    func removal() {
        var headers = HTTPHeaders([
            ("Connection", "X-Hop^, content-length"), ("x-hop^", "1"), ("x-hop~", "2"), ("Keep-Alive", "5"),
            ("content-length", "3"), ("accept", "*/*"),
        ])
        ProxyHeaders.removeHopByHop(from: &headers)
        #expect(headers.map(\.name) == ["x-hop~", "content-length", "accept"])
    }
}
