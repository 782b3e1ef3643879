import NIOHTTP1
import Testing
import TollgateCore

@testable import TollgateProxy

/// `ip-restriction` through real traffic (clients connect from 127.0.0.1), and the
/// address arithmetic behind it.
@Suite("ip-restriction plugin")
struct IPRestrictionPluginTests {
    /// Sends `/` with `headers` through a gateway whose only route has `config`;
    /// returns the status and whether the upstream saw the request.
    static func status(config: JSONValue, headers: [(String, String)] = []) async throws -> (HTTPResponseStatus, Bool) {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated("ip-restriction", config: config)
        var result: (HTTPResponseStatus, Bool) = (.ok, false)
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let response = try await proxy.request("/", headers: headers)
            result = (response.status, !upstream.log.requests.isEmpty)
        }
        return result
    }

    @Test("a denied client gets 403 with Kong's message and never reaches the upstream")
    func denied() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated("ip-restriction", config: ["deny": ["10.0.0.0/8", "127.0.0.1"]])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(response.status == .forbidden)
            #expect(response.headers.first(name: "content-type") == "application/problem+json")
            #expect(try response.problem().detail == "Your IP address is not allowed")
            #expect(upstream.log.requests.isEmpty)
        }
    }

    static let listCases: [(JSONValue, HTTPResponseStatus)] = [
        (["allow": ["127.0.0.0/8"]], .ok),
        (["allow": ["127.0.0.1"]], .ok),
        (["allow": ["0.0.0.0/0"]], .ok),
        (["allow": ["10.0.0.0/8", "2001:db8::/32"]], .forbidden),
        (["allow": ["::ffff:127.0.0.0/104"]], .ok),
        (["deny": ["192.0.2.0/24"]], .ok),
        (["deny": ["127.0.0.2"]], .ok),
        (["allow": ["127.0.0.0/8"], "deny": ["127.0.0.1/32"]], .forbidden),
    ]

    @Test("allow and deny lists decide by address and CIDR block; deny wins over allow", arguments: listCases)
    func lists(config: JSONValue, expected: HTTPResponseStatus) async throws {
        let (status, forwarded) = try await Self.status(config: config)
        #expect(status == expected)
        #expect(forwarded == (expected == .ok))
    }

    @Test("status and message are configurable")
    func customRefusal() async throws {
        let upstream = try await TestUpstream.start(name: "a")
        let plugin = try PluginSpec.validated(
            "ip-restriction", config: ["allow": ["192.0.2.0/24"], "status": 451, "message": "not from here"])
        try await SingleRouteGateway.run([plugin], upstream: upstream) { proxy in
            let response = try await proxy.request("/")
            #expect(response.status.code == 451)
            #expect(try response.problem().detail == "not from here")
        }
    }

    @Test("X-Forwarded-For is ignored when the peer is not a trusted proxy")
    func untrustedForwardedFor() async throws {
        let allowOthers: JSONValue = ["allow": ["10.0.0.0/8"], "trusted_proxies": ["192.0.2.1"]]
        #expect(try await Self.status(config: allowOthers, headers: [("X-Forwarded-For", "10.1.2.3")]).0 == .forbidden)
        let denyLocal: JSONValue = ["deny": ["127.0.0.1"]]
        #expect(try await Self.status(config: denyLocal, headers: [("X-Forwarded-For", "10.1.2.3")]).0 == .forbidden)
    }

    static let forwardedCases: [(String, HTTPResponseStatus)] = [
        ("10.1.2.3", .ok),
        ("10.1.2.3:5000", .ok),
        ("192.0.2.9, 10.1.2.3", .ok),
        ("10.1.2.3, 192.0.2.9", .forbidden),
        ("10.1.2.3, 172.16.0.5", .ok),
        ("192.0.2.9, 172.16.0.5", .forbidden),
        ("[2001:db8::7]:443", .ok),
        ("not-an-address", .forbidden),
    ]

    @Test("behind trusted proxies the client is the rightmost untrusted X-Forwarded-For entry", arguments: forwardedCases)
    func trustedForwardedFor(forwardedFor: String, expected: HTTPResponseStatus) async throws {
        let config: JSONValue = [
            "allow": ["10.0.0.0/8", "2001:db8::/32"], "trusted_proxies": ["127.0.0.1", "172.16.0.0/12"],
        ]
        let (status, _) = try await Self.status(config: config, headers: [("X-Forwarded-For", forwardedFor)])
        #expect(status == expected)
    }

    @Test("X-Forwarded-For headers on several lines read as one list; all trusted means the leftmost")
    func forwardedForLines() throws {
        let resolver = ClientAddressResolver(
            trustedProxies: try IPBlockList(StoredPluginConfig(["list": ["127.0.0.1", "10.0.0.0/8"]], plugin: "t"), key: "list"))
        let lines = HTTPHeaders([("X-Forwarded-For", "192.0.2.1, 10.0.0.1"), ("x-forwarded-for", "10.0.0.2")])
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: lines) == IPAddressValue("192.0.2.1"))
        let allTrusted = HTTPHeaders([("X-Forwarded-For", "10.0.0.9,10.0.0.1")])
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: allTrusted) == IPAddressValue("10.0.0.9"))
        #expect(resolver.clientAddress(peer: "127.0.0.1", headers: HTTPHeaders()) == IPAddressValue("127.0.0.1"))
        #expect(resolver.clientAddress(peer: "", headers: HTTPHeaders()) == nil)
    }

    @Test("blocks compare IPv4 in its mapped IPv6 form, mask host bits, and /0 covers everything of its family")
    func blocks() throws {
        func block(_ text: String) throws -> IPBlock { IPBlock(try #require(IPNetwork.parse(text))) }
        func address(_ text: String) throws -> IPAddressValue { try #require(IPAddressValue(text[...])) }
        #expect(try block("10.1.2.3/8").contains(address("10.200.0.1")))
        #expect(try !block("10.0.0.0/8").contains(address("11.0.0.1")))
        #expect(try block("0.0.0.0/0").contains(address("203.0.113.5")))
        #expect(try !block("0.0.0.0/0").contains(address("2001:db8::1")))
        #expect(try block("::/0").contains(address("2001:db8::1")))
        #expect(try block("192.0.2.0/24").contains(address("::ffff:192.0.2.44")))
        #expect(try block("2001:db8::/32").contains(address("2001:db8:ffff::1")))
        #expect(try !block("2001:db8::/32").contains(address("2001:db9::1")))
    }
}
